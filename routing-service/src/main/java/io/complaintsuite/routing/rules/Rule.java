package io.complaintsuite.routing.rules;

import io.complaintsuite.contracts.Priority;
import java.util.List;

/**
 * One routing rule an admin edits. It matches when every condition it states holds: any of the
 * keywords (or phrases) occurs in the text, the regular expression finds a match, the channel is
 * one of {@code channels}, the customer's tier is one of {@code customerTiers}. A match sets the
 * problem type, raises the priority and/or overrides the department, whichever it names.
 */
public record Rule(
    String name,
    List<String> keywords,
    String regex,
    List<String> channels,
    List<String> customerTiers,
    String problemType,
    Priority priority,
    String department) {}
