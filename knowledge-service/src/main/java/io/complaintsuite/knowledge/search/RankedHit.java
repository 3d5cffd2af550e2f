package io.complaintsuite.knowledge.search;

/**
 * A hit of the fused ranking with what each of the two rankings said of it: the signals the
 * answer's confidence is computed from.
 *
 * @param wordScore the BM25 score of the word query, 0 when the words did not find it
 * @param wordRank its place in the word ranking (1 = best), 0 when the words did not find it
 * @param verbatimRank its place among the articles with the query's words in order, 0 if none
 * @param cosine the best cosine between the question and the article's headline or passages
 * @param meaningRank its place among the candidates by that cosine (1 = nearest)
 */
public record RankedHit(
    SearchHit hit,
    double wordScore,
    int wordRank,
    int verbatimRank,
    double cosine,
    int meaningRank) {}
