package io.complaintsuite.intake.delivery;

import io.complaintsuite.intake.channel.ChannelEndpoints;
import io.complaintsuite.intake.channel.MessageKind;
import io.complaintsuite.intake.settings.IntakeSettings;
import io.complaintsuite.platform.problem.ProblemException;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The customer's texts: Qute templates per kind and locale (zh-CN, en), shipped under {@code
 * messages/} and editable by admins (stored overrides win). A template is a subject line, a line
 * {@code ---}, and the body.
 */
@ApplicationScoped
public class Messages {
  public static final List<String> LOCALES = ChannelEndpoints.LOCALES;
  static final String SEPARATOR = "\n---\n";
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final Engine engine;
  private final Pool pool;
  private final IntakeSettings settings;
  private final Map<String, Template> parsed = new ConcurrentHashMap<>();

  public Messages(Engine engine, Pool pool, IntakeSettings settings) {
    this.engine = engine;
    this.pool = pool;
    this.settings = settings;
  }

  /** A rendered message. */
  public record Rendered(String subject, String body) {}

  /** A template as stored or shipped. */
  public record MessageTemplate(
      String kind, String locale, String subject, String body, boolean edited) {}

  /** The template in force for a kind and locale. */
  public Uni<MessageTemplate> template(MessageKind kind, String locale) {
    String l = locale(locale);
    return pool.preparedQuery(
            "select subject, body from message_template where kind = $1 and locale = $2")
        .execute(Tuple.of(kind.json(), l))
        .map(
            rows -> {
              if (rows.rowCount() > 0) {
                Row r = rows.iterator().next();
                return new MessageTemplate(
                    kind.json(), l, r.getString("subject"), r.getString("body"), true);
              }
              String[] shipped = shipped(kind, l);
              return new MessageTemplate(kind.json(), l, shipped[0], shipped[1], false);
            });
  }

  public Uni<Rendered> render(
      MessageKind kind, String locale, MessageFacts facts, String priority) {
    return template(kind, locale).map(t -> render(t, facts, priority));
  }

  Rendered render(MessageTemplate t, MessageFacts facts, String priority) {
    Map<String, Object> data = data(t.locale(), facts, priority);
    String subject = parse(t.subject()).render(data).strip();
    String body = parse(t.body()).render(data).strip();
    return new Rendered(subject, body);
  }

  /** Checks an admin's template: it must parse and render on sample facts (400 otherwise). */
  public void validate(MessageKind kind, String locale, String subject, String body) {
    if (subject == null || subject.isBlank() || subject.length() > 500) {
      throw ProblemException.badField("subject", "is required, at most 500 characters");
    }
    if (body == null || body.isBlank() || body.length() > 10_000) {
      throw ProblemException.badField("body", "is required, at most 10000 characters");
    }
    MessageFacts sample =
        new MessageFacts(
            kind.json(),
            null,
            "TS20260101-000001",
            "web-chat",
            null,
            "c-1",
            "张先生",
            null,
            null,
            "示例",
            "示例文本",
            "https://example.cn/s/x",
            "示例",
            locale,
            null,
            null);
    for (String[] part : new String[][] {{"subject", subject}, {"body", body}}) {
      try {
        engine.parse(part[1]).render(data(locale, sample, "general"));
      } catch (TemplateException e) {
        throw ProblemException.badField(part[0], "is not a valid template: " + e.getMessage());
      }
    }
  }

  public static String locale(String locale) {
    if (locale != null) {
      for (String l : LOCALES) {
        if (l.equalsIgnoreCase(locale)) {
          return l;
        }
      }
      if (locale.toLowerCase().startsWith("en")) {
        return "en";
      }
    }
    return "zh-CN";
  }

  private Map<String, Object> data(String locale, MessageFacts f, String priority) {
    boolean zh = !locale.equals("en");
    Map<String, Object> data = new HashMap<>();
    data.put("number", f.number());
    data.put("customerName", f.customerName());
    data.put("complaintSubject", f.complaintSubject());
    data.put("text", f.text());
    data.put("link", f.link());
    data.put("subject", f.subject());
    data.put(
        "expiresAt",
        f.expiresAt() == null
            ? null
            : DATE.format(f.expiresAt().atZoneSameInstant(settings.numberZone())));
    data.put("priority", priority == null ? null : priorityName(priority, zh));
    data.put("promise", priority == null ? null : words(promise(priority), zh));
    return data;
  }

  private Duration promise(String priority) {
    return switch (priority) {
      case "urgent" -> settings.delivery().promise().urgent();
      case "low" -> settings.delivery().promise().low();
      default -> settings.delivery().promise().general();
    };
  }

  static String priorityName(String priority, boolean zh) {
    return switch (priority) {
      case "urgent" -> zh ? "紧急" : "urgent";
      case "low" -> zh ? "低" : "low";
      default -> zh ? "一般" : "general";
    };
  }

  /** "15分钟", "24小时", "2天" or "15 minutes", "24 hours", "2 days". */
  static String words(Duration d, boolean zh) {
    long minutes = d.toMinutes();
    if (minutes < 60 || minutes % 60 != 0) {
      return zh ? minutes + "分钟" : minutes + (minutes == 1 ? " minute" : " minutes");
    }
    long hours = minutes / 60;
    if (hours <= 48 || hours % 24 != 0) {
      return zh ? hours + "小时" : hours + (hours == 1 ? " hour" : " hours");
    }
    long days = hours / 24;
    return zh ? days + "天" : days + " days";
  }

  private Template parse(String text) {
    return parsed.computeIfAbsent(text, engine::parse);
  }

  private static String[] shipped(MessageKind kind, String locale) {
    String path = "messages/" + kind.json() + "." + locale + ".txt";
    try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("no shipped template " + path);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int at = text.indexOf(SEPARATOR);
      return new String[] {text.substring(0, at), text.substring(at + SEPARATOR.length())};
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
