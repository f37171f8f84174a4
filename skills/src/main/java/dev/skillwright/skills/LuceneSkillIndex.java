package dev.skillwright.skills;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.skillwright.trajectories.Json;
import dev.skillwright.trajectories.SkillwrightException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * Skills in a Lucene index on disk. BM25 (Lucene's default similarity) over the name, the
 * description and the example instructions; exact-match filters on the site. Each skill's full
 * JSON is a stored field, so the index alone restores every skill. The writer opens on the first
 * write and commits after each, so a killed process leaves the last committed state.
 */
final class LuceneSkillIndex implements SkillIndex {
  static final String ID = "id";
  static final String SITE = "site";
  static final String NAME = "name";
  static final String DESCRIPTION = "description";
  static final String EXAMPLES = "examples";
  static final String JSON = "json";

  private final Path dir;
  private final Analyzer queryAnalyzer = SkillAnalyzers.query();
  private Directory directory;
  private IndexWriter writer;
  private DirectoryReader reader;

  LuceneSkillIndex(Path dir) {
    this.dir = dir;
  }

  @Override
  public synchronized boolean add(Skill skill) {
    IndexWriter w = writer();
    Optional<Skill> known = get(skill.id()).filter(s -> s.id().equals(skill.id()));
    Skill merged = known.map(k -> Distiller.merge(k, skill)).orElse(skill);
    try {
      w.updateDocument(new Term(ID, merged.id()), toDocument(merged));
      w.commit();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the skill index " + dir, e);
    }
    return known.isEmpty();
  }

  @Override
  public synchronized void put(Skill skill) {
    try {
      writer().updateDocument(new Term(ID, skill.id()), toDocument(skill));
      writer.commit();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the skill index " + dir, e);
    }
  }

  @Override
  public synchronized Optional<Skill> get(String idOrName) {
    List<Skill> byId = find(new TermQuery(new Term(ID, idOrName)), 1);
    if (!byId.isEmpty()) {
      return Optional.of(byId.get(0));
    }
    return list(null).stream().filter(s -> s.name().equals(idOrName)).findFirst();
  }

  @Override
  public synchronized List<Skill> list(String site) {
    Query q = site == null ? new MatchAllDocsQuery() : new TermQuery(new Term(SITE, site));
    List<Skill> all = new ArrayList<>(find(q, Integer.MAX_VALUE));
    all.sort(Comparator.comparing(Skill::id));
    return all;
  }

  @Override
  public synchronized List<Hit> search(String text, String site, int k) {
    if (k <= 0) {
      throw new IllegalArgumentException("k must be positive: " + k);
    }
    BooleanQuery.Builder words = new BooleanQuery.Builder();
    Set<String> terms = analyze(text);
    if (terms.isEmpty()) {
      return List.of();
    }
    for (String t : terms) {
      words.add(new BoostQuery(new TermQuery(new Term(DESCRIPTION, t)), 2f), BooleanClause.Occur.SHOULD);
      words.add(new BoostQuery(new TermQuery(new Term(NAME, t)), 1.5f), BooleanClause.Occur.SHOULD);
      words.add(new TermQuery(new Term(EXAMPLES, t)), BooleanClause.Occur.SHOULD);
    }
    BooleanQuery.Builder q = new BooleanQuery.Builder().add(words.build(), BooleanClause.Occur.MUST);
    if (site != null) {
      q.add(new TermQuery(new Term(SITE, site)), BooleanClause.Occur.FILTER);
    }
    IndexSearcher s = searcher();
    if (s == null) {
      return List.of();
    }
    try {
      List<Hit> hits = new ArrayList<>();
      for (ScoreDoc sd : s.search(q.build(), k).scoreDocs) {
        hits.add(new Hit(fromDocument(s.storedFields().document(sd.doc)), sd.score));
      }
      return hits;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot search the skill index " + dir, e);
    }
  }

  @Override
  public synchronized int size() {
    IndexSearcher s = searcher();
    return s == null ? 0 : s.getIndexReader().numDocs();
  }

  private Set<String> analyze(String text) {
    Set<String> out = new LinkedHashSet<>();
    try (TokenStream ts = queryAnalyzer.tokenStream(DESCRIPTION, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private List<Skill> find(Query q, int max) {
    IndexSearcher s = searcher();
    if (s == null) {
      return List.of();
    }
    try {
      int n = Math.max(1, Math.min(max, s.getIndexReader().maxDoc()));
      List<Skill> out = new ArrayList<>();
      for (ScoreDoc sd : s.search(q, n).scoreDocs) {
        out.add(fromDocument(s.storedFields().document(sd.doc)));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the skill index " + dir, e);
    }
  }

  /** A searcher over the latest commit, or null while no index exists. */
  private IndexSearcher searcher() {
    try {
      if (reader == null) {
        if (writer != null) {
          reader = DirectoryReader.open(writer);
        } else if (Files.isDirectory(dir) && DirectoryReader.indexExists(directory())) {
          reader = DirectoryReader.open(directory());
        } else {
          return null;
        }
      } else {
        DirectoryReader newer = writer != null
            ? DirectoryReader.openIfChanged(reader, writer)
            : DirectoryReader.openIfChanged(reader);
        if (newer != null) {
          reader.close();
          reader = newer;
        }
      }
      return new IndexSearcher(reader);
    } catch (IOException e) {
      throw new SkillwrightException("cannot open the skill index " + dir + ": " + e.getMessage(), e);
    }
  }

  private Directory directory() throws IOException {
    if (directory == null) {
      directory = FSDirectory.open(dir);
    }
    return directory;
  }

  private IndexWriter writer() {
    if (writer == null) {
      try {
        Files.createDirectories(dir);
        IndexWriterConfig cfg = new IndexWriterConfig(SkillAnalyzers.index())
            .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        writer = new IndexWriter(directory(), cfg);
        if (reader != null) {
          reader.close();
          reader = null;
        }
      } catch (LockObtainFailedException e) {
        throw new SkillwrightException("the skill index " + dir
            + " is in use by another process; wait for it to finish");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open the skill index " + dir, e);
      }
    }
    return writer;
  }

  static Document toDocument(Skill s) {
    Document d = new Document();
    d.add(new StringField(ID, s.id(), Field.Store.YES));
    d.add(new StringField(SITE, s.site(), Field.Store.NO));
    d.add(new TextField(NAME, s.name().replace('-', ' '), Field.Store.NO));
    d.add(new TextField(DESCRIPTION, s.description(), Field.Store.NO));
    d.add(new TextField(EXAMPLES, String.join("\n", s.examples()), Field.Store.NO));
    try {
      d.add(new StoredField(JSON, Json.compact().writeValueAsString(s)));
    } catch (JsonProcessingException e) {
      throw new SkillwrightException("cannot encode skill " + s.id(), e);
    }
    return d;
  }

  private Skill fromDocument(Document d) {
    try {
      return Json.mapper().readValue(d.get(JSON), Skill.class);
    } catch (JsonProcessingException e) {
      throw new SkillwrightException("skill " + d.get(ID) + " in " + dir
          + " cannot be read: " + e.getOriginalMessage());
    }
  }

  @Override
  public synchronized void close() {
    try {
      if (reader != null) {
        reader.close();
      }
      if (writer != null) {
        writer.close();
      }
      if (directory != null) {
        directory.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the skill index " + dir, e);
    } finally {
      reader = null;
      writer = null;
      directory = null;
    }
  }
}
