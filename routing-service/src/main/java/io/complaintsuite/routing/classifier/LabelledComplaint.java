package io.complaintsuite.routing.classifier;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One complaint of the shipped labelled set ({@code classifier/labelled-complaints.tsv}, written by
 * {@code routing-service/data/generate_complaints.py}): the split it belongs to, its true problem
 * type and priority, whether it carries a public-opinion threat, and the text.
 */
public record LabelledComplaint(
    boolean inTestSplit, String problemType, String priority, boolean risk, String text) {

  public static final String RESOURCE = "classifier/labelled-complaints.tsv";

  public boolean urgent() {
    return "urgent".equals(priority);
  }

  /** The whole shipped set, in file order. */
  public static List<LabelledComplaint> shipped() {
    InputStream in = LabelledComplaint.class.getClassLoader().getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException(RESOURCE + " is missing from the classpath");
    }
    List<LabelledComplaint> all = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\t", 5);
        all.add(
            new LabelledComplaint(
                "test".equals(cols[0]), cols[1], cols[2], "risk".equals(cols[3]), cols[4]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all;
  }

  public static List<LabelledComplaint> training() {
    return shipped().stream().filter(c -> !c.inTestSplit()).toList();
  }

  public static List<LabelledComplaint> heldOut() {
    return shipped().stream().filter(LabelledComplaint::inTestSplit).toList();
  }
}
