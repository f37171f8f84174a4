package dev.skillwright.skills;

import com.microsoft.playwright.Page;
import dev.skillwright.trajectories.Json;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a child JVM by {@link SkillExportTest}: loads an exported class (its static initializer
 * runs), calls each skill with a recording double of Playwright's {@code Page}, and prints the
 * calls the skill made, one JSON array per line: method name, then the arguments.
 */
final class ExportRunner {
  private ExportRunner() {}

  public static void main(String[] args) throws Exception {
    List<List<String>> calls = new ArrayList<>();
    try (URLClassLoader loader = new URLClassLoader(new java.net.URL[] {
        Path.of(args[0]).toUri().toURL()}, ExportRunner.class.getClassLoader())) {
      Class<?> c = Class.forName(args[1], true, loader);
      List<Method> methods = new ArrayList<>(List.of(c.getDeclaredMethods()));
      methods.sort(java.util.Comparator.comparing(Method::getName));
      for (Method m : methods) {
        if (!Modifier.isPublic(m.getModifiers())) {
          continue;
        }
        Object[] values = new Object[m.getParameterCount()];
        values[0] = recorder(Page.class, calls);
        for (int i = 1; i < values.length; i++) {
          values[i] = "arg" + i;
        }
        calls.add(List.of("skill", m.getName()));
        m.invoke(null, values);
      }
    }
    for (List<String> call : calls) {
      System.out.println(Json.compact().writeValueAsString(call));
    }
  }

  /** A double of {@code type} that records every call and answers with more doubles. */
  static Object recorder(Class<?> type, List<List<String>> calls) {
    return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return method.getName().equals("equals") ? proxy == args[0]
                : method.getName().equals("hashCode") ? System.identityHashCode(proxy)
                : type.getSimpleName();
          }
          List<String> call = new ArrayList<>(List.of(method.getName()));
          if (args != null) {
            for (Object a : args) {
              call.add(a instanceof String s ? s
                  : a instanceof Page.GetByRoleOptions o ? "name=" + o.name
                  : String.valueOf(a));
            }
          }
          calls.add(call);
          Class<?> r = method.getReturnType();
          if (r.isInterface()) {
            return recorder(r, calls);
          } else if (r == boolean.class) {
            return false;
          } else if (r.isPrimitive() && r != void.class) {
            return 0;
          }
          return null;
        });
  }
}
