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
 * The shipped labelled complaints (docs/routing-service.md, "The labelled data"): the training
 * corpus, written one by one as customers write ({@code classifier/corpus/}), and the held-out set
 * written independently from the category descriptions alone ({@code classifier/heldout/}), which
 * is only ever measured, never trained or tuned on. Files are TSV: {@code problemType, risk (0/1),
 * channel, text} with a header line.
 */
public final class Corpus {
  public static final String TRAINING_INDEX = "classifier/corpus/index.txt";
  public static final String HELD_OUT = "classifier/heldout/complaints.tsv";

  private static volatile List<LabelledComplaint> training;
  private static volatile List<LabelledComplaint> heldOut;

  private Corpus() {}

  /** Every training row, in file order. */
  public static List<LabelledComplaint> training() {
    List<LabelledComplaint> t = training;
    if (t == null) {
      List<LabelledComplaint> rows = new ArrayList<>();
      for (String line : lines(TRAINING_INDEX)) {
        if (!line.isBlank() && !line.startsWith("#")) {
          rows.addAll(read("classifier/corpus/" + line.strip()));
        }
      }
      t = List.copyOf(rows);
      training = t;
    }
    return t;
  }

  /** The independently written held-out set. */
  public static List<LabelledComplaint> heldOut() {
    List<LabelledComplaint> h = heldOut;
    if (h == null) {
      h = List.copyOf(read(HELD_OUT));
      heldOut = h;
    }
    return h;
  }

  static List<LabelledComplaint> read(String resource) {
    List<LabelledComplaint> rows = new ArrayList<>();
    List<String> lines = lines(resource);
    for (int i = 1; i < lines.size(); i++) { // line 0 is the header
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String[] cols = line.split("\t", 4);
      if (cols.length != 4) {
        throw new IllegalStateException(resource + " line " + (i + 1) + ": expected 4 columns");
      }
      rows.add(
          new LabelledComplaint(
              cols[0].strip(), "1".equals(cols[1].strip()), cols[2].strip(), cols[3].strip()));
    }
    return rows;
  }

  private static List<String> lines(String resource) {
    InputStream in = Corpus.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException(resource + " is missing from the classpath");
    }
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }
}
