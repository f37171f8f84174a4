package dev.skillwright.skills;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.Json;
import dev.skillwright.trajectories.LocatorCandidate;
import dev.skillwright.trajectories.Target;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Skills as programs other tools run: Java source against Playwright's Locator API (one static
 * method per skill, its parameters as arguments), or a JSON tool schema in the OpenAI
 * {@code tools} format, whose {@code parameters} MCP clients take as {@code inputSchema}.
 */
public final class SkillExport {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-z0-9_]*)}");

  private SkillExport() {}

  /** A Java class {@code className} (in no package) with one method per skill. */
  public static String playwrightJava(List<Skill> skills, String className) {
    StringBuilder sb = new StringBuilder();
    sb.append("import com.microsoft.playwright.Locator;\n")
        .append("import com.microsoft.playwright.Page;\n")
        .append("import com.microsoft.playwright.options.AriaRole;\n")
        .append("import java.util.Locale;\n\n")
        .append("/** Skills learned by Skillwright, as Playwright programs. Generated. */\n")
        .append("public final class ").append(className).append(" {\n")
        .append("  private ").append(className).append("() {}\n");
    java.util.Map<String, Skill> byId = new java.util.HashMap<>();
    skills.forEach(s -> byId.put(s.id(), s));
    for (Skill s : skills) {
      sb.append("\n  /** ").append(javadoc(s.description())).append(" (").append(s.status()
          .name().toLowerCase(Locale.ROOT)).append("; ").append(sideEffect(s)).append("; starts at ")
          .append(javadoc(s.startUrlPattern())).append(") */\n");
      sb.append("  public static void ").append(method(s.name())).append("(Page page");
      s.parameters().forEach(p -> sb.append(", String ").append(identifier(p.name())));
      sb.append(") {\n");
      for (Action a : s.steps()) {
        sb.append("    ").append(statement(a, byId)).append('\n');
      }
      sb.append("  }\n");
    }
    sb.append("""

          private static Locator byRole(Page page, String role, String name) {
            return page.getByRole(AriaRole.valueOf(role.toUpperCase(Locale.ROOT)),
                new Page.GetByRoleOptions().setName(name).setExact(true));
          }
        }
        """);
    return sb.toString();
  }

  private static String statement(Action a, java.util.Map<String, Skill> byId) {
    if (a instanceof Action.Click c) {
      return locator(c.target()) + ".click();";
    } else if (a instanceof Action.Fill f) {
      return locator(f.target()) + ".fill(" + expr(f.text()) + ");";
    } else if (a instanceof Action.Press p) {
      return (p.target() == null ? "page.keyboard()" : locator(p.target())) + ".press("
          + expr(p.key()) + ");";
    } else if (a instanceof Action.Select s) {
      return locator(s.target()) + ".selectOption(" + expr(s.option()) + ");";
    } else if (a instanceof Action.Check c) {
      return locator(c.target()) + ".setChecked(" + c.checked() + ");";
    } else if (a instanceof Action.Hover h) {
      return locator(h.target()) + ".hover();";
    } else if (a instanceof Action.Scroll s) {
      return "page.mouse().wheel(0, " + s.deltaY() + ");";
    } else if (a instanceof Action.Goto g) {
      return "page.navigate(" + expr(g.url()) + ");";
    } else if (a instanceof Action.Back) {
      return "page.goBack();";
    } else if (a instanceof Action.Wait w) {
      return "page.waitForTimeout(" + w.millis() + ");";
    } else if (a instanceof Action.UseSkill u && byId.containsKey(u.name())) {
      // arguments in the order of the called skill's parameters
      StringBuilder call = new StringBuilder(method(u.name())).append("(page");
      byId.get(u.name()).parameters().forEach(p -> call.append(", ")
          .append(expr(u.args().getOrDefault(p.name(), ""))));
      return call.append(");").toString();
    }
    return "// " + a.describe().replace('\n', ' ');
  }

  /** The first durable locator, as Playwright code; role and name when there is none. */
  private static String locator(Target t) {
    LocatorCandidate c = t.locators().isEmpty() ? LocatorCandidate.role(t.role(), t.name())
        : t.locators().get(0);
    return switch (c.strategy()) {
      case ROLE -> "byRole(page, " + str(c.value()) + ", " + expr(c.name()) + ")";
      case LABEL -> "page.getByLabel(" + expr(c.value()) + ")";
      case PLACEHOLDER -> "page.getByPlaceholder(" + expr(c.value()) + ")";
      case TEXT -> "page.getByText(" + expr(c.value()) + ")";
      case TEST_ID -> "page.getByTestId(" + expr(c.value()) + ")";
      case CSS -> "page.locator(" + str(c.value()) + ")";
    } + ".first()";
  }

  /** A Java expression for a text with {@code {param}} placeholders: literals and arguments. */
  private static String expr(String text) {
    if (text == null) {
      return "\"\"";
    }
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder sb = new StringBuilder();
    int last = 0;
    while (m.find()) {
      if (m.start() > last) {
        sb.append(sb.length() == 0 ? "" : " + ").append(str(text.substring(last, m.start())));
      }
      sb.append(sb.length() == 0 ? "" : " + ").append(identifier(m.group(1)));
      last = m.end();
    }
    if (last < text.length() || sb.length() == 0) {
      sb.append(sb.length() == 0 ? "" : " + ").append(str(text.substring(last)));
    }
    return sb.toString();
  }

  static String str(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return sb.append('"').toString();
  }

  private static String javadoc(String s) {
    return s.replace("*/", "* /").replace("@", "{@literal @}").replace("\n", " ");
  }

  /** A Java method name: {@code shop:add-item-to-cart} becomes {@code addItemToCart}. */
  static String method(String name) {
    String n = name.substring(name.indexOf(':') + 1);
    StringBuilder sb = new StringBuilder();
    boolean up = false;
    for (char c : n.toCharArray()) {
      if (Character.isLetterOrDigit(c) && c < 128) {
        sb.append(up ? Character.toUpperCase(c) : c);
        up = false;
      } else {
        up = sb.length() > 0;
      }
    }
    String out = sb.length() == 0 || Character.isDigit(sb.charAt(0)) ? "skill" + sb : sb.toString();
    return javax.lang.model.SourceVersion.isKeyword(out) ? out + "Skill" : out;
  }

  /** A parameter's Java name; one called like the {@code page} argument gets a suffix. */
  private static String identifier(String param) {
    String m = method(param);
    return m.equals("page") ? "pageArg" : m;
  }

  /** The side-effect label as people read it: "reads", "writes" or "destructive". */
  static String sideEffect(Skill s) {
    return s.sideEffect().name().toLowerCase(Locale.ROOT);
  }

  /**
   * The skills as tools: {@code {"tools": [{"type": "function", "function": {"name", "description",
   * "parameters"}}]}}, each parameter a required string with the values it was seen with.
   */
  public static String toolSchema(List<Skill> skills) {
    ObjectNode root = Json.mapper().createObjectNode();
    ArrayNode tools = root.putArray("tools");
    for (Skill s : skills) {
      ObjectNode fn = tools.addObject().put("type", "function").putObject("function");
      fn.put("name", toolName(s.name()));
      fn.put("description", s.description() + String.format(Locale.ROOT,
          " (site %s; %s; %s; success rate %.0f%%)", s.site(), s.status().name()
              .toLowerCase(Locale.ROOT), sideEffect(s), 100 * s.health().successRate()));
      // machine-readable too, so a caller can refuse destructive tools without parsing prose
      fn.put("x-side-effect", s.sideEffect().name().toLowerCase(Locale.ROOT));
      ObjectNode params = fn.putObject("parameters");
      params.put("type", "object");
      ObjectNode props = params.putObject("properties");
      ArrayNode required = params.putArray("required");
      for (Skill.Parameter p : s.parameters()) {
        ObjectNode prop = props.putObject(p.name());
        prop.put("type", "string");
        if (p.type().equals("email")) {
          prop.put("format", "email");
        }
        prop.put("description", "The " + p.name().replace('_', ' ') + " to use"
            + (p.examples().isEmpty() ? "." : ", such as \"" + p.examples().get(0) + "\"."));
        ArrayNode ex = prop.putArray("examples");
        p.examples().forEach(ex::add);
        required.add(p.name());
      }
      params.put("additionalProperties", false);
    }
    try {
      return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A tool name as function-calling APIs accept it: {@code [a-zA-Z0-9_-]{1,64}}. */
  static String toolName(String name) {
    String n = name.replaceAll("[^a-zA-Z0-9_-]+", "_");
    return n.length() <= 64 ? n : n.substring(0, 55) + "_" + String.format("%08x",
        name.hashCode());
  }
}
