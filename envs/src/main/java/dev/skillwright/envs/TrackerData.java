package dev.skillwright.envs;

import java.util.List;

/** The tracker's seed data: people, labels and issues. Immutable. */
final class TrackerData {
  private TrackerData() {}

  static final List<String> PEOPLE = List.of("Dana", "Priya", "Marcus", "Lena", "Tom");

  static final List<String> LABELS = List.of("bug", "feature", "ui", "docs", "performance",
      "security");

  /** One issue; {@code assignee} and {@code due} are empty when unset. */
  record Issue(int id, String title, boolean open, List<String> labels, String assignee,
      String due, String description) {
    Issue {
      labels = List.copyOf(labels);
    }

    Issue withOpen(boolean state) {
      return new Issue(id, title, state, labels, assignee, due, description);
    }

    Issue withFields(List<String> newLabels, String newAssignee, String newDue) {
      return new Issue(id, title, open, newLabels, newAssignee, newDue, description);
    }
  }

  static final List<Issue> ISSUES = List.of(
      i(1, "Login page crashes on Safari", true, "bug,ui", "Dana", "2026-12-01",
          "Safari 18 shows a blank page after the password field loses focus."),
      i(2, "Export to CSV times out", true, "bug,performance", "Priya", "2026-11-28",
          "Exports over 50,000 rows stop after 30 seconds."),
      i(3, "Dark mode toggle resets", false, "bug,ui", "Marcus", "",
          "The theme goes back to light after every reload."),
      i(4, "Add keyboard shortcuts", true, "feature", "", "",
          "Let users move between issues with j and k."),
      i(5, "Document the REST API", true, "docs", "Lena", "2026-12-15",
          "Every endpoint needs an example request and response."),
      i(6, "Password reset email never arrives", true, "bug,security", "Dana", "2026-11-25",
          "Reset emails to some domains are dropped by the mail relay."),
      i(7, "Search is slow on large projects", true, "performance", "Tom", "",
          "Searching a project of 10,000 issues takes four seconds."),
      i(8, "Typo in the welcome message", false, "docs,ui", "Lena", "",
          "It says 'Welcom'."),
      i(9, "Allow attaching images to comments", true, "feature", "Priya", "2027-01-10",
          "Drag and drop, paste from the clipboard, and a size limit."),
      i(10, "Session expires too early", true, "bug,security", "", "",
          "Users are logged out after five minutes of inactivity."),
      i(11, "Dashboard charts overlap on mobile", true, "bug,ui", "Marcus", "",
          "On narrow screens the two charts draw over each other."),
      i(12, "Add a Spanish translation", true, "feature,docs", "", "2027-02-01",
          "Volunteers have offered to translate the interface."),
      i(13, "Memory leak in the notification worker", true, "bug,performance", "Tom",
          "2026-11-30", "Worker memory grows by 200 MB a day."),
      i(14, "Rate limit the public API", true, "security,feature", "Dana", "",
          "Anonymous clients should get 60 requests a minute."),
      i(15, "Broken link in the footer", false, "bug,docs", "Lena", "",
          "The privacy policy link returns a 404."),
      i(16, "Support dark mode in emails", true, "feature,ui", "", "",
          "Email templates ignore the reader's color scheme."),
      i(17, "Upgrade the database driver", true, "performance", "Priya", "2026-12-20",
          "The new driver pools connections and halves query latency."),
      i(18, "Two-factor authentication", true, "security,feature", "Dana", "2027-01-31",
          "Time-based one-time passwords, with recovery codes."),
      i(19, "Tooltip text is cut off", false, "ui", "Marcus", "",
          "Long tooltips are clipped at 200 pixels."),
      i(20, "Write a contributing guide", true, "docs", "Lena", "",
          "How to build, test and send a change."),
      i(21, "Duplicate notifications after editing", true, "bug", "Tom", "",
          "Editing an issue sends the same notification twice."),
      i(22, "Bulk close issues", true, "feature", "", "",
          "Select several issues and close them at once."),
      i(23, "Images load slowly on the board view", true, "performance,ui", "Marcus", "",
          "Every card loads its full-size image."),
      i(24, "Audit log for admin actions", true, "security", "Priya", "2027-03-01",
          "Keep a record of who changed which setting, and when."),
      i(25, "Calendar shows the wrong week start", true, "bug,ui", "", "",
          "Weeks start on Sunday even where they should start on Monday."),
      i(26, "Old attachments are never deleted", false, "bug,performance", "Tom", "",
          "Attachments of deleted issues stay on disk."));

  private static Issue i(int id, String title, boolean open, String labels, String assignee,
      String due, String description) {
    return new Issue(id, title, open, List.of(labels.split(",")), assignee, due, description);
  }
}
