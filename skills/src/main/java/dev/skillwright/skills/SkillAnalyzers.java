package dev.skillwright.skills;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.util.CharsRef;

/**
 * The analyzers of the skill index: English words, lower-cased, without stop words, stemmed.
 * Queries also expand the verbs and nouns people use for the same web action ("put a mug in the
 * basket" finds "Add {item} to the cart"); synonyms apply at query time only, so the index needs
 * no rebuild when the list grows.
 */
final class SkillAnalyzers {
  private static final String[][] SYNONYMS = {
    {"put", "add"}, {"place", "add"}, {"insert", "add"}, {"drop", "add"},
    {"buy", "add"}, {"buy", "order"}, {"purchase", "order"}, {"purchase", "checkout"},
    {"basket", "cart"}, {"bag", "cart"}, {"trolley", "cart"},
    {"find", "search"}, {"look", "search"}, {"seek", "search"}, {"locate", "search"},
    {"query", "search"},
    {"view", "open"}, {"visit", "open"}, {"browse", "open"}, {"show", "open"},
    {"navigate", "open"}, {"go", "open"},
    {"cost", "price"}, {"costs", "price"}, {"much", "price"},
    {"pick", "choose"}, {"select", "choose"}, {"sort", "choose"},
    {"pay", "checkout"}, {"order", "checkout"},
  };

  private SkillAnalyzers() {}

  static Analyzer index() {
    return analyzer(null);
  }

  static Analyzer query() {
    return analyzer(synonyms());
  }

  private static Analyzer analyzer(SynonymMap synonyms) {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String field) {
        Tokenizer source = new StandardTokenizer();
        TokenStream s = new LowerCaseFilter(source);
        s = new StopFilter(s, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        if (synonyms != null) {
          s = new SynonymGraphFilter(s, synonyms, true);
        }
        return new TokenStreamComponents(source, new PorterStemFilter(s));
      }
    };
  }

  private static SynonymMap synonyms() {
    SynonymMap.Builder b = new SynonymMap.Builder(true);
    for (String[] pair : SYNONYMS) {
      b.add(new CharsRef(pair[0]), new CharsRef(pair[1]), true);
    }
    try {
      return b.build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
