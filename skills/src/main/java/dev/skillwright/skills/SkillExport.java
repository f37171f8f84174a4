package dev.skillwright.skills;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.Json;
import dev.skillwright.trajectories.LocatorCandidate;
import dev.skillwright.trajectories.Target;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
        .append("import java.util.Locale;\n")
        .append("import java.util.regex.Matcher;\n")
        .append("import java.util.regex.Pattern;\n\n")
        .append("/** Skills learned by Skillwright, as Playwright programs. Generated. */\n")
        .append("public final class ").append(className).append(" {\n")
        .append("  private ").append(className).append("() {}\n");
    Names names = new Names(skills);
    for (Skill s : skills) {
      sb.append("\n  /** ").append(comment(s.description())).append(" (").append(s.status()
          .name().toLowerCase(Locale.ROOT)).append("; ").append(sideEffect(s))
          .append("; starts at ").append(comment(s.startUrlPattern())).append(")")
          .append(s.reads() == null ? "" : ". Returns " + comment(s.reads().describe())
              + ", or null when the page does not show it.").append(" */\n");
      sb.append("  public static ").append(s.reads() == null ? "void" : "String").append(' ')
          .append(names.methodOf(s.id())).append("(Page page");
      names.paramsOf(s.id()).values().forEach(p -> sb.append(", String ").append(p));
      sb.append(") {\n");
      for (Action a : s.steps()) {
        sb.append("    ").append(statement(a, names, names.paramsOf(s.id()))).append('\n');
      }
      if (s.reads() != null) {
        Map<String, String> quoted = new LinkedHashMap<>();
        names.paramsOf(s.id()).forEach((p, arg) -> quoted.put(p, "Pattern.quote(" + arg + ")"));
        sb.append("    return read(page, ").append(expr(quoted, s.reads().textPattern()))
            .append(");\n");
      }
      sb.append("  }\n");
    }
    sb.append("""

          private static Locator byRole(Page page, String role, String name) {
            return page.getByRole(AriaRole.valueOf(role.toUpperCase(Locale.ROOT)),
                new Page.GetByRoleOptions().setName(name).setExact(true));
          }

          /** Group 1 of the first match of {@code regex} in the page's visible text, or null. */
          private static String read(Page page, String regex) {
            page.waitForLoadState();
            Matcher m = Pattern.compile(regex).matcher(page.locator("body").innerText());
            return m.find() ? m.group(1).strip() : null;
          }
        }
        """);
    return sb.toString();
  }

  /**
   * The Java names of the skills and of their parameters: identifiers made of ASCII letters and
   * digits only, none a keyword, none twice in one scope, so nothing a site names can change the
   * program's shape.
   */
  private static final class Names {
    private final Map<String, String> methods = new java.util.HashMap<>();
    private final Map<String, Map<String, String>> params = new java.util.HashMap<>();
    private final Map<String, Skill> byId = new java.util.HashMap<>();

    Names(List<Skill> skills) {
      Set<String> taken = new java.util.HashSet<>(Set.of("byRole", "read"));
      for (Skill s : skills) {
        if (byId.putIfAbsent(s.id(), s) != null) {
          continue;
        }
        // a call of it by an id it had before is a call of it
        s.aliases().forEach(a -> byId.putIfAbsent(a, s));
        methods.put(s.id(), unique(method(s.name()), taken));
        Set<String> local = new java.util.HashSet<>(Set.of("page"));
        Map<String, String> ps = new LinkedHashMap<>();
        for (Skill.Parameter p : s.parameters()) {
          ps.putIfAbsent(p.name(), unique(identifier(p.name()), local));
        }
        params.put(s.id(), ps);
      }
    }

    private static String unique(String name, Set<String> taken) {
      String n = name;
      for (int i = 2; !taken.add(n); i++) {
        n = name + i;
      }
      return n;
    }

    String methodOf(String id) {
      Skill s = byId.get(id);
      return s == null ? null : methods.get(s.id());
    }

    Map<String, String> paramsOf(String id) {
      Skill s = byId.get(id);
      return s == null ? Map.of() : params.getOrDefault(s.id(), Map.of());
    }

    Skill skillOf(String id) {
      return byId.get(id);
    }
  }

  private static String statement(Action a, Names names, Map<String, String> params) {
    if (a instanceof Action.Click c) {
      return locator(c.target(), params) + ".click();";
    } else if (a instanceof Action.Fill f) {
      return locator(f.target(), params) + ".fill(" + expr(params, f.text()) + ");";
    } else if (a instanceof Action.Press p) {
      return (p.target() == null ? "page.keyboard()" : locator(p.target(), params)) + ".press("
          + expr(params, p.key()) + ");";
    } else if (a instanceof Action.Select s) {
      return locator(s.target(), params) + ".selectOption(" + expr(params, s.option()) + ");";
    } else if (a instanceof Action.Check c) {
      return locator(c.target(), params) + ".setChecked(" + c.checked() + ");";
    } else if (a instanceof Action.Hover h) {
      return locator(h.target(), params) + ".hover();";
    } else if (a instanceof Action.Scroll s) {
      return "page.mouse().wheel(0, " + s.deltaY() + ");";
    } else if (a instanceof Action.Goto g) {
      return "page.navigate(" + expr(params, g.url()) + ");";
    } else if (a instanceof Action.Back) {
      return "page.goBack();";
    } else if (a instanceof Action.Wait w) {
      return "page.waitForTimeout(" + w.millis() + ");";
    } else if (a instanceof Action.UseSkill u && names.skillOf(u.name()) != null) {
      // arguments in the order of the called skill's parameters
      StringBuilder call = new StringBuilder(names.methodOf(u.name())).append("(page");
      names.paramsOf(u.name()).keySet().forEach(p -> call.append(", ")
          .append(expr(params, u.args().getOrDefault(p, ""))));
      return call.append(");").toString();
    }
    return "// " + comment(a.describe());
  }

  /** The first durable locator, as Playwright code; role and name when there is none. */
  private static String locator(Target t, Map<String, String> params) {
    LocatorCandidate c = t.locators().isEmpty() ? LocatorCandidate.role(t.role(), t.name())
        : t.locators().get(0);
    return switch (c.strategy()) {
      case ROLE -> "byRole(page, " + str(c.value()) + ", " + expr(params, c.name()) + ")";
      case LABEL -> "page.getByLabel(" + expr(params, c.value()) + ")";
      case PLACEHOLDER -> "page.getByPlaceholder(" + expr(params, c.value()) + ")";
      case TEXT -> "page.getByText(" + expr(params, c.value()) + ")";
      case TEST_ID -> "page.getByTestId(" + expr(params, c.value()) + ")";
      case CSS -> "page.locator(" + str(c.value()) + ")";
    } + ".first()";
  }

  /** A Java expression for a text with {@code {param}} placeholders: literals and arguments. */
  private static String expr(Map<String, String> params, String text) {
    if (text == null) {
      return "\"\"";
    }
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder sb = new StringBuilder();
    int last = 0;
    while (m.find()) {
      String arg = params.get(m.group(1));
      if (arg == null) {
        continue; // not a parameter of this skill: the braces are text
      }
      if (m.start() > last) {
        sb.append(sb.length() == 0 ? "" : " + ").append(str(text.substring(last, m.start())));
      }
      sb.append(sb.length() == 0 ? "" : " + ").append(arg);
      last = m.end();
    }
    if (last < text.length() || sb.length() == 0) {
      sb.append(sb.length() == 0 ? "" : " + ").append(str(text.substring(last)));
    }
    return sb.toString();
  }

  /**
   * A Java string literal holding exactly {@code s}, in printable ASCII. Backslashes are doubled,
   * so no {@code \\u} of the text is read as a unicode escape (javac reads those before it
   * lexes, inside literals too); control characters are octal escapes, never {@code \\u000a},
   * which would end the literal; other non-ASCII characters are unicode escapes, harmless once
   * every backslash of the text is doubled.
   */
  static String str(String s) {
    if (s == null) {
      return "\"\"";
    }
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> sb.append(c < 0x20 || c == 0x7f ? String.format("\\%03o", (int) c)
            : c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
      }
    }
    return sb.append('"').toString();
  }

  /**
   * Site text made inert inside a comment, in printable ASCII: no line break (it would end a
   * line comment), no {@code *}{@code /} (it would end a block comment), no backslash (a
   * {@code \\u002a/} would be read as one), no {@code @} (a Javadoc tag).
   */
  static String comment(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '\\') {
        sb.append("%5C");
      } else if (c == '@') {
        sb.append("%40");
      } else if (c == '/' && sb.length() > 0 && sb.charAt(sb.length() - 1) == '*') {
        sb.append(" /");
      } else if (c < 0x20 || c >= 0x7f) {
        sb.append(c < 0x20 || c == 0x7f ? ' ' : '?');
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
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
   * One skill as a tool: its name (unique among the skills exported together), description, side
   * effect ({@code reads}, {@code writes} or {@code destructive}) and the JSON Schema of its
   * arguments, an object whose properties are required strings with the values seen.
   */
  public record Tool(Skill skill, String name, String description, String sideEffect,
      ObjectNode parameters) {}

  /** The skills as tools, in their order; the entries of {@link #toolSchema}. */
  public static List<Tool> tools(List<Skill> skills) {
    return tools(skills, Set.of());
  }

  /** The skills as tools, none named as one of {@code reserved} (a server's own tools). */
  public static List<Tool> tools(List<Skill> skills, Set<String> reserved) {
    List<Tool> out = new java.util.ArrayList<>();
    Set<String> toolNames = new java.util.HashSet<>(reserved);
    for (Skill s : skills) {
      ObjectNode params = Json.mapper().createObjectNode();
      params.put("type", "object");
      ObjectNode props = params.putObject("properties");
      ArrayNode required = params.putArray("required");
      Set<String> propNames = new java.util.HashSet<>();
      for (Skill.Parameter p : s.parameters()) {
        String key = uniqueName(toolName(p.name()), propNames);
        ObjectNode prop = props.putObject(key);
        prop.put("type", "string");
        if (p.type().equals("email")) {
          prop.put("format", "email");
        }
        prop.put("description", "The " + p.name().replace('_', ' ') + " to use"
            + (p.examples().isEmpty() ? "." : ", such as \"" + p.examples().get(0) + "\"."));
        ArrayNode ex = prop.putArray("examples");
        p.examples().forEach(ex::add);
        required.add(key);
      }
      params.put("additionalProperties", false);
      out.add(new Tool(s, uniqueName(toolName(s.name()), toolNames), s.description()
          + String.format(Locale.ROOT, " (site %s; %s; %s; success rate %.0f%%)", s.site(),
              s.status().name().toLowerCase(Locale.ROOT), sideEffect(s),
              100 * s.health().successRate()) + (s.reads() == null ? ""
              : ". Returns " + s.reads().describe() + " on the page it ends on"),
          sideEffect(s), params));
    }
    return out;
  }

  /**
   * The skills as tools: {@code {"tools": [{"type": "function", "function": {"name", "description",
   * "parameters"}}]}}, each parameter a required string with the values it was seen with.
   */
  public static String toolSchema(List<Skill> skills) {
    ObjectNode root = Json.mapper().createObjectNode();
    ArrayNode tools = root.putArray("tools");
    for (Tool t : tools(skills)) {
      ObjectNode fn = tools.addObject().put("type", "function").putObject("function");
      fn.put("name", t.name());
      fn.put("description", t.description());
      // machine-readable too, so a caller can refuse destructive tools without parsing prose
      fn.put("x-side-effect", t.sideEffect());
      fn.set("parameters", t.parameters());
    }
    try {
      return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A tool or property name as function-calling APIs accept it: {@code [a-zA-Z0-9_-]{1,64}}.
   */
  static String toolName(String name) {
    String n = name.replaceAll("[^a-zA-Z0-9_-]+", "_");
    if (n.isEmpty()) {
      return "skill";
    }
    return n.length() <= 64 ? n : n.substring(0, 55) + "_" + String.format("%08x",
        name.hashCode());
  }

  /** {@code name}, or with a numeric suffix when it is taken, within 64 characters. */
  private static String uniqueName(String name, Set<String> taken) {
    String n = name;
    for (int i = 2; !taken.add(n); i++) {
      String suffix = "_" + i;
      n = name.substring(0, Math.min(name.length(), 64 - suffix.length())) + suffix;
    }
    return n;
  }
}
