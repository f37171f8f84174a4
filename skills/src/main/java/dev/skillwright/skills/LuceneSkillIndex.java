package dev.skillwright.skills;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.skillwright.trajectories.Action;
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
 * Skills as files ({@link SkillFiles}, the source of truth) and a Lucene index derived from
 * them in {@code index/}, checked and repaired on open ({@link SkillIndexCheck}). BM25 (Lucene's default similarity) over the name, the
 * description and the example instructions, multiplied by a factor of the skill's success rate;
 * exact-match filters on the site and the status. Each skill's full JSON is a stored field, so
 * the index alone restores every skill. The writer opens on the first write and commits after
 * each, so a killed process leaves the last committed state. Lookups and searches are cached
 * (Caffeine) until the next write.
 */
final class LuceneSkillIndex implements SkillIndex {
  static final String ID = "id";
  static final String SITE = "site";
  static final String NAME = "name";
  static final String DESCRIPTION = "description";
  static final String EXAMPLES = "examples";
  static final String JSON = "json";
  static final String STATUS = "status";
  static final String SIGNATURE = "signature";
  static final String RATE = "rate";
  /** MoreLikeThis candidates looked at when deduplicating. */
  private static final int SIMILAR = 5;
  static final double ALIKE = 0.5;

  private final Path dir;
  private final Path indexDir;
  private final SkillFiles files;
  private final Analyzer queryAnalyzer = SkillAnalyzers.query();
  private final Analyzer indexAnalyzer = SkillAnalyzers.index();
  private Directory directory;
  private IndexWriter writer;
  private DirectoryReader reader;
  /** Lookups and searches, dropped on every write. */
  private final com.github.benmanes.caffeine.cache.Cache<Object, Object> cache =
      com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(2_048).build();

  LuceneSkillIndex(Path dir, java.util.function.Consumer<String> notices) {
    this.dir = dir;
    this.indexDir = dir.resolve(SkillFiles.INDEX);
    this.files = new SkillFiles(dir);
    SkillIndexCheck.reconcile(dir, notices, false);
  }

  @Override
  public synchronized Added add(Skill skill) {
    Optional<Skill> known = get(skill.id()).filter(s -> s.id().equals(skill.id()))
        .or(() -> sameSignature(skill)).or(() -> similar(skill));
    Skill stored = known.map(k -> Distiller.merge(k, skill)).orElse(skill);
    write(List.of(stored));
    return new Added(stored, known.isEmpty());
  }

  @Override
  public synchronized void addAll(java.util.Collection<Skill> skills) {
    write(skills);
  }

  @Override
  public synchronized void put(Skill skill) {
    write(List.of(skill));
  }

  @Override
  public synchronized Optional<Skill> update(String id,
      java.util.function.UnaryOperator<Skill> change) {
    Optional<Skill> changed = get(id).filter(s -> s.id().equals(id)).map(change);
    changed.ifPresent(s -> write(List.of(s)));
    return changed;
  }

  private void write(java.util.Collection<Skill> skills) {
    IndexWriter w = writer();
    // the files first: they are the truth; an index behind them is caught up on the next open
    skills.forEach(files::write);
    try {
      for (Skill s : skills) {
        w.updateDocument(new Term(ID, s.id()), toDocument(s));
      }
      w.commit();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the skill index " + dir, e);
    } finally {
      cache.invalidateAll();
    }
  }

  /** A skill of the same site whose steps are the same, with values as placeholders. */
  private Optional<Skill> sameSignature(Skill skill) {
    return find(new TermQuery(new Term(SIGNATURE, signatureKey(skill))), 1).stream()
        .findFirst();
  }

  /**
   * A skill of the same site whose description MoreLikeThis finds like this one's, shares most of
   * its words (Jaccard at least {@value #ALIKE}, placeholders aside), and has the same parameters
   * and the same steps up to its lifted parameters (see {@link #steps}): the same task, worded
   * otherwise. Descriptions alone are not enough: labels of explored controls share long prefixes
   * ({@code Click the "Active" link} and {@code Click the "Completed" link}) while they act on
   * different elements.
   */
  private Optional<Skill> similar(Skill skill) {
    IndexSearcher s = searcher();
    if (s == null) {
      return Optional.empty();
    }
    try {
      org.apache.lucene.queries.mlt.MoreLikeThis mlt =
          new org.apache.lucene.queries.mlt.MoreLikeThis(s.getIndexReader());
      mlt.setAnalyzer(indexAnalyzer);
      mlt.setFieldNames(new String[] {DESCRIPTION});
      mlt.setMinTermFreq(1);
      mlt.setMinDocFreq(1);
      mlt.setMinWordLen(2);
      Query like = mlt.like(DESCRIPTION, new java.io.StringReader(skill.description()));
      Query q = new BooleanQuery.Builder().add(like, BooleanClause.Occur.MUST)
          .add(new TermQuery(new Term(SITE, skill.site())), BooleanClause.Occur.FILTER).build();
      return find(q, SIMILAR).stream()
          .filter(k -> steps(k).equals(steps(skill)) && paramNames(k).equals(paramNames(skill))
              && jaccard(words(k.description()), words(skill.description())) >= ALIKE)
          .findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot search the skill index " + dir, e);
    }
  }

  /** The description's analyzed words (no synonyms), placeholders left out. */
  private Set<String> words(String description) {
    return analyze(indexAnalyzer, description.replaceAll("\\{[a-z][a-z0-9_]*}", " "));
  }

  private static double jaccard(Set<String> a, Set<String> b) {
    Set<String> union = new java.util.HashSet<>(a);
    union.addAll(b);
    if (union.isEmpty()) {
      return 0;
    }
    Set<String> both = new java.util.HashSet<>(a);
    both.retainAll(b);
    return (double) both.size() / union.size();
  }

  private static String signatureKey(Skill s) {
    return s.site() + "|" + s.signature();
  }

  /**
   * The steps as they must match for two skills to be one: kinds, roles, element names and values
   * (placeholders as they are, so a lifted name matches any name), a key's and a box's state. The
   * name of the element a key is pressed in is left out: the key goes to the field just used,
   * whatever the page calls it.
   */
  private static List<String> steps(Skill s) {
    return s.steps().stream().map(a -> {
      StringBuilder sb = new StringBuilder(a.getClass().getSimpleName());
      if (a.target() != null) {
        sb.append(':').append(a.target().role());
        if (!(a instanceof Action.Press)) {
          sb.append(':').append(a.target().name().strip().toLowerCase(java.util.Locale.ROOT));
        }
      }
      if (a instanceof Action.Fill f) {
        sb.append('=').append(f.text());
      } else if (a instanceof Action.Select x) {
        sb.append('=').append(x.option());
      } else if (a instanceof Action.Press p) {
        sb.append('=').append(p.key());
      } else if (a instanceof Action.Check c) {
        sb.append('=').append(c.checked());
      } else if (a instanceof Action.UseSkill u) {
        sb.append('=').append(u.name()).append(u.args());
      } else if (a instanceof Action.Goto g) {
        sb.append('=').append(g.url());
      }
      return sb.toString();
    }).toList();
  }

  private static Set<String> paramNames(Skill s) {
    Set<String> names = new java.util.TreeSet<>();
    s.parameters().forEach(p -> names.add(p.name()));
    return names;
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized Optional<Skill> get(String idOrName) {
    return (Optional<Skill>) cache.get(List.of("get", idOrName), k -> lookup(idOrName));
  }

  private Optional<Skill> lookup(String idOrName) {
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
  @SuppressWarnings("unchecked")
  public synchronized List<Hit> search(String text, Filter filter, int k) {
    if (k <= 0) {
      throw new IllegalArgumentException("k must be positive: " + k);
    }
    return (List<Hit>) cache.get(List.of("search", text, filter, k),
        key -> List.copyOf(searchIndex(text, filter, k)));
  }

  private List<Hit> searchIndex(String text, Filter filter, int k) {
    BooleanQuery.Builder words = new BooleanQuery.Builder();
    Set<String> terms = analyze(queryAnalyzer, text);
    if (terms.isEmpty()) {
      return List.of();
    }
    for (String t : terms) {
      words.add(new BoostQuery(new TermQuery(new Term(DESCRIPTION, t)), 2f),
          BooleanClause.Occur.SHOULD);
      words.add(new BoostQuery(new TermQuery(new Term(NAME, t)), 1.5f),
          BooleanClause.Occur.SHOULD);
      words.add(new TermQuery(new Term(EXAMPLES, t)), BooleanClause.Occur.SHOULD);
    }
    BooleanQuery.Builder q = new BooleanQuery.Builder()
        .add(words.build(), BooleanClause.Occur.MUST);
    if (filter.site() != null) {
      q.add(new TermQuery(new Term(SITE, filter.site())), BooleanClause.Occur.FILTER);
    }
    if (filter.verifiedOnly()) {
      q.add(new TermQuery(new Term(STATUS, Skill.Status.VERIFIED.name())),
          BooleanClause.Occur.FILTER);
    }
    // relevance times (0.5 + success rate): a skill that works outranks an equal one that fails
    Query ranked = org.apache.lucene.queries.function.FunctionScoreQuery.boostByValue(q.build(),
        org.apache.lucene.search.DoubleValuesSource.fromDoubleField(RATE));
    IndexSearcher s = searcher();
    if (s == null) {
      return List.of();
    }
    try {
      List<Hit> hits = new ArrayList<>();
      for (ScoreDoc sd : s.search(ranked, k).scoreDocs) {
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

  private static Set<String> analyze(Analyzer analyzer, String text) {
    Set<String> out = new LinkedHashSet<>();
    try (TokenStream ts = analyzer.tokenStream(DESCRIPTION, text)) {
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
        } else if (Files.isDirectory(indexDir) && DirectoryReader.indexExists(directory())) {
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
      directory = FSDirectory.open(indexDir);
    }
    return directory;
  }

  private IndexWriter writer() {
    if (writer == null) {
      try {
        Files.createDirectories(indexDir);
        IndexWriterConfig cfg = new IndexWriterConfig(indexAnalyzer)
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
    d.add(new StringField(STATUS, s.status().name(), Field.Store.NO));
    d.add(new StringField(SIGNATURE, signatureKey(s), Field.Store.NO));
    d.add(new org.apache.lucene.document.DoubleDocValuesField(RATE,
        0.5 + s.health().successRate()));
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
