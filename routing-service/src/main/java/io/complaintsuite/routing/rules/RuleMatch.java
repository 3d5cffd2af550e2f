package io.complaintsuite.routing.rules;

/** A rule that matched a complaint, and the text (or channel/tier) that made it match. */
public record RuleMatch(Rule rule, String evidence) {}
