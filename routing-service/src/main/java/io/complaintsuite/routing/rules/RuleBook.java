package io.complaintsuite.routing.rules;

import io.complaintsuite.platform.problem.ProblemException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** A rule set's rules, compiled once, evaluated in order against each complaint. */
public final class RuleBook {
  private static final Set<String> CHANNELS =
      Set.of("phone", "web-chat", "email", "social-media", "app", "counter", "letter");

  private record Compiled(Rule rule, Pattern pattern) {}

  private final int version;
  private final List<Compiled> rules;

  private RuleBook(int version, List<Compiled> rules) {
    this.version = version;
    this.rules = rules;
  }

  public static RuleBook of(int version, List<Rule> rules) {
    List<Compiled> compiled = new ArrayList<>();
    for (Rule rule : rules) {
      compiled.add(
          new Compiled(
              rule,
              rule.regex() == null || rule.regex().isBlank()
                  ? null
                  : Pattern.compile(rule.regex())));
    }
    return new RuleBook(version, List.copyOf(compiled));
  }

  public int version() {
    return version;
  }

  public int size() {
    return rules.size();
  }

  /** Every rule that matches, in rule order. */
  public List<RuleMatch> match(String text, String channel, String customerTier) {
    String lower = text.toLowerCase(Locale.ROOT);
    List<RuleMatch> matches = new ArrayList<>();
    for (Compiled c : rules) {
      Rule rule = c.rule();
      List<String> evidence = new ArrayList<>();
      if (rule.keywords() != null && !rule.keywords().isEmpty()) {
        String hit =
            rule.keywords().stream()
                .filter(k -> lower.contains(k.toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElse(null);
        if (hit == null) {
          continue;
        }
        evidence.add(hit);
      }
      if (c.pattern() != null) {
        Matcher m = c.pattern().matcher(text);
        if (!m.find()) {
          continue;
        }
        evidence.add(m.group());
      }
      if (rule.channels() != null && !rule.channels().isEmpty()) {
        if (!rule.channels().contains(channel)) {
          continue;
        }
        evidence.add("channel=" + channel);
      }
      if (rule.customerTiers() != null && !rule.customerTiers().isEmpty()) {
        if (customerTier == null || !rule.customerTiers().contains(customerTier)) {
          continue;
        }
        evidence.add("tier=" + customerTier);
      }
      matches.add(new RuleMatch(rule, String.join(", ", evidence)));
    }
    return matches;
  }

  /**
   * Checks rules an admin submits; answers 400 naming the first bad field (e.g. {@code
   * rules[2].regex}).
   */
  public static void validate(List<Rule> rules, Set<String> problemTypes, Set<String> departments) {
    if (rules == null) {
      throw ProblemException.badField("rules", "must be a list of rules");
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < rules.size(); i++) {
      Rule rule = rules.get(i);
      String at = "rules[" + i + "]";
      if (rule == null) {
        throw ProblemException.badField(at, "must be a rule object");
      }
      if (rule.name() == null || rule.name().isBlank()) {
        throw ProblemException.badField(at + ".name", "must not be blank");
      }
      if (!names.add(rule.name())) {
        throw ProblemException.badField(at + ".name", "is used by another rule: " + rule.name());
      }
      boolean hasKeywords = rule.keywords() != null && !rule.keywords().isEmpty();
      if (hasKeywords && rule.keywords().stream().anyMatch(k -> k == null || k.isBlank())) {
        throw ProblemException.badField(at + ".keywords", "must not contain blank keywords");
      }
      boolean hasRegex = rule.regex() != null && !rule.regex().isBlank();
      if (hasRegex) {
        try {
          Pattern.compile(rule.regex());
        } catch (PatternSyntaxException e) {
          throw ProblemException.badField(
              at + ".regex", "is not a valid regular expression: " + e.getDescription());
        }
      }
      boolean hasChannels = rule.channels() != null && !rule.channels().isEmpty();
      if (hasChannels) {
        for (String channel : rule.channels()) {
          if (!CHANNELS.contains(channel)) {
            throw ProblemException.badField(
                at + ".channels", "must be among " + CHANNELS + ", not " + channel);
          }
        }
      }
      boolean hasTiers = rule.customerTiers() != null && !rule.customerTiers().isEmpty();
      if (!hasKeywords && !hasRegex && !hasChannels && !hasTiers) {
        throw ProblemException.badField(
            at, "needs at least one condition: keywords, regex, channels or customerTiers");
      }
      if (rule.problemType() == null && rule.priority() == null && rule.department() == null) {
        throw ProblemException.badField(
            at, "must set at least one of problemType, priority, department");
      }
      if (rule.problemType() != null && !problemTypes.contains(rule.problemType())) {
        throw ProblemException.badField(
            at + ".problemType", "unknown problem type " + rule.problemType());
      }
      if (rule.department() != null && !departments.contains(rule.department())) {
        throw ProblemException.badField(
            at + ".department", "unknown department " + rule.department());
      }
    }
  }
}
