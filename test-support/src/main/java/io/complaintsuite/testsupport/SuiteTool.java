package io.complaintsuite.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The Java half of {@code ./suite}: things bash does badly (keys, tokens, JDBC, Kafka admin). */
public final class SuiteTool {
  private SuiteTool() {}

  public static void main(String[] args) {
    if (args.length == 0) {
      fail(
          "usage: SuiteTool pg-install DIR | keys | public-key | token ROLE [--user NAME] [--department DEPT] [--minutes N] | db-ensure NAME | topics-ensure CONF");
    }
    switch (args[0]) {
      case "pg-install" -> PostgresInstaller.install(Path.of(arg(args, 1, "DIR")));
      case "keys" -> {
        LocalKeys.ensure();
        System.out.println(LocalKeys.dir());
      }
      case "public-key" -> System.out.println(LocalKeys.publicKeyBase64());
      case "token" -> System.out.println(token(args));
      case "db-ensure" -> Databases.ensure(arg(args, 1, "NAME"));
      case "topics-ensure" -> Topics.ensure(Topics.declared(Path.of(arg(args, 1, "CONF"))));
      default -> fail("unknown command: " + args[0]);
    }
  }

  private static String token(String[] args) {
    String role = arg(args, 1, "ROLE");
    if (!Tokens.ROLES.contains(role)) {
      fail("unknown role '" + role + "'; roles: " + String.join(" ", Tokens.ROLES));
    }
    String user = role + "-user";
    long minutes = 60;
    int clients = 0;
    String department = null;
    for (int i = 2; i < args.length - 1; i++) {
      if (args[i].equals("--user")) {
        user = args[++i];
      } else if (args[i].equals("--minutes")) {
        minutes = Long.parseLong(args[++i]);
      } else if (args[i].equals("--department")) {
        department = args[++i];
      } else if (args[i].equals("--clients")) {
        clients = Integer.parseInt(args[++i]);
      }
    }
    if (clients == 0) {
      return Tokens.mint(
          user, List.of(role), Duration.ofMinutes(minutes), SuiteSettings.LOCAL_ISSUER, department);
    }
    // Several clients (USER-1 ... USER-N), comma-separated: a load generator that stands for
    // several channel integrations, each within its own rate limit.
    List<String> tokens = new java.util.ArrayList<>();
    for (int i = 1; i <= clients; i++) {
      tokens.add(
          Tokens.mint(
              user + "-" + i,
              List.of(role),
              Duration.ofMinutes(minutes),
              SuiteSettings.LOCAL_ISSUER,
              department));
    }
    return String.join(",", tokens);
  }

  private static String arg(String[] args, int index, String name) {
    if (args.length <= index) {
      fail(args[0] + " needs " + name);
    }
    return args[index];
  }

  private static void fail(String message) {
    System.err.println("suite: " + message);
    System.exit(2);
  }
}
