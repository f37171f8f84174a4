package dev.skillwright.skills;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.AriaSnapshot;
import dev.skillwright.trajectories.Json;
import dev.skillwright.trajectories.SkillwrightException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexReaderContext;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * Skills as files ({@link SkillFiles}, the source of truth) and a Lucene index derived from
 * them in {@code index/}, checked and repaired on open ({@link SkillIndexCheck}). BM25 (Lucene's default similarity) over the name, the
 * description and the example instructions, multiplied by a factor of the skill's success rate;
 * exact-match filters on the site and the status. Each skill's full JSON is a stored field, so
 * the index alone restores every skill. The writer opens on the first write; reads see each
 * write at once and the index commits on {@link #commit()} and on close: the files are written
 * first, so an index a killed process left behind them is caught up on the next open. A write
 * that changes what is searched (a new skill, a description, a status) refreshes Lucene's
 * near-real-time readers ({@link SearcherManager}) before it returns; one that changes none of
 * it (a use recorded: the health, the rate) is left to the next refresh (the first write a
 * second after the last refresh, or the next that changes what is searched, or a commit), and
 * reads take the skill as changed, and its rate, from memory until then ({@link Pending}): a
 * refresh per recorded use flushes a segment each time, and on two cores that work slows the
 * searches more than the write itself. The answers are those of a refreshed index but for
 * BM25's collection statistics, which count the skills changed since as they were.
 *
 * <p>Thread-safe without a global lock: searches and lookups do not wait for writes (Lucene's
 * readers are safe to share; only the very first read of a process opens its reader under the
 * writers' lock); writes take one lock among themselves, since an update reads the skill it
 * replaces. Deciding which skills are one (dedup, merge) is the {@link SkillLibrary}'s job; this
 * is storage and search. A process that only reads (the dashboard) sees what another commits.
 * Lookups and searches are cached (Caffeine) per index generation, which every write and every
 * newer commit seen moves on.
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
  /** The ids a skill had before it was renamed; a lookup by one finds it. */
  static final String ALIAS = "alias";
  static final String RATE = "rate";
  /** MoreLikeThis candidates looked at when deduplicating. */
  private static final int SIMILAR = 5;
  static final double ALIKE = 0.5;

  private final Path dir;
  private final Path indexDir;
  private final SkillFiles files;
  private final Analyzer queryAnalyzer = SkillAnalyzers.query();
  private final Analyzer indexAnalyzer = SkillAnalyzers.index();
  /** Writers take it among themselves; readers only to open the first reader. */
  private final java.util.concurrent.locks.ReentrantLock writing =
      new java.util.concurrent.locks.ReentrantLock();
  private Directory directory;
  private volatile IndexWriter writer;
  /** Readers over the writer once it is open, else over the last commit; null while no index. */
  private volatile SearcherManager searchers;
  /** Moves on with every write, so cached answers of an older index are never served. */
  private final java.util.concurrent.atomic.AtomicLong generation =
      new java.util.concurrent.atomic.AtomicLong();
  private volatile boolean uncommitted;
  private volatile boolean closed;
  /** The changes the readers do not see yet; written under {@link #writing}. */
  private volatile Pending pending = Pending.NONE;
  /** When the writer's readers were last refreshed (nanoTime); under {@link #writing}. */
  private long refreshedAt = System.nanoTime();
  /** How long a change may wait for the readers' next refresh, and how many may wait. */
  private static final long PENDING_NANOS = 1_000_000_000L;
  private static final int PENDING_MAX = 1_000;
  private final Cache<Lookup, Optional<Skill>> lookups =
      Caffeine.newBuilder().maximumSize(2_048).build();
  private final Cache<Search, List<Hit>> searches =
      Caffeine.newBuilder().maximumSize(2_048).build();

  private record Lookup(long generation, String idOrName) {}

  private record Search(long generation, String text, Filter filter, int k) {}

  /**
   * Skills changed after the readers of {@code reader} were opened, by id, and the rate each
   * one's document in {@code reader} has now, by document. A read takes this before its
   * searcher: a refresh replaces it once the readers see every change in it, so a change gone
   * from here is in every searcher acquired after. Changes are added to it as they are written.
   */
  private record Pending(IndexReader reader, Map<String, Skill> skills,
      Map<Integer, Double> rates) {
    static final Pending NONE = new Pending(null, Map.of(), Map.of());

    /** {@code s} as read from {@code searcher}, as it is now. */
    Skill patch(IndexSearcher searcher, Skill s) {
      if (searcher.getIndexReader() != reader) {
        return s; // a later reader sees every change here
      }
      Skill changed = skills.get(s.id());
      return changed == null ? s : changed;
    }

    /** The rate of document {@code doc} of {@code searcher}, or {@code indexed}. */
    double rate(IndexSearcher searcher, int doc, double indexed) {
      if (rates.isEmpty() || searcher.getIndexReader() != reader) {
        return indexed; // a later reader sees every change here
      }
      Double changed = rates.get(doc);
      return changed == null ? indexed : changed;
    }
  }

  /** A skill as it is now and its document in the readers of {@code reader}. */
  private record Found(Skill skill, IndexReader reader, int doc) {}

  LuceneSkillIndex(Path dir, java.util.function.Consumer<String> notices) {
    this.dir = dir;
    this.indexDir = dir.resolve(SkillFiles.INDEX);
    this.files = new SkillFiles(dir);
    SkillIndexCheck.reconcile(dir, notices, false);
  }

  @Override
  public Optional<Skill> likelySame(Skill skill) {
    catchUp();
    // cheapest first: MoreLikeThis runs only when neither the id nor the steps match
    // one name is one skill only when it says or does the same: short names of two skills
    // ("type_into_field" and "type_into_field, then type again") may be alike
    return lookup(skill.id()).filter(s -> s.id().equals(skill.id())
            && (AriaSnapshot.fold(s.description()).equals(AriaSnapshot.fold(skill.description()))
                || s.signature().equals(skill.signature())))
        .or(() -> sameSignature(skill)).or(() -> similar(skill).stream().findFirst());
  }

  @Override
  public void addAll(java.util.Collection<Skill> skills) {
    writing.lock();
    try {
      write(skills);
    } finally {
      writing.unlock();
    }
  }

  @Override
  public void put(Skill skill) {
    addAll(List.of(skill));
  }

  @Override
  public Optional<Skill> update(String id, java.util.function.UnaryOperator<Skill> change) {
    writing.lock();
    try {
      Found found = current(id);
      Skill changed = found == null ? null : change.apply(found.skill());
      if (changed == null) {
        return Optional.empty();
      }
      // a change no search can tell (a use recorded) waits for the next refresh, unless the
      // writer is not open yet (its readers replace these) or the readers moved on meanwhile
      if (changed.id().equals(id)
          && searched(fields(changed)).equals(searched(fields(found.skill())))
          && writer != null
          && (pending.reader() == null || pending.reader() == found.reader())) {
        writeUnsearched(changed, found);
      } else {
        write(List.of(changed));
      }
      return Optional.of(changed);
    } finally {
      writing.unlock();
    }
  }

  @Override
  public void rename(String oldId, Skill renamed) {
    writing.lock();
    try {
      Optional<Skill> old = lookup(oldId).filter(s -> s.id().equals(oldId));
      write(List.of(renamed));
      if (old.isPresent() && !oldId.equals(renamed.id())) {
        files.delete(old.get());
        writer().deleteDocuments(new Term(ID, oldId));
        uncommitted = true;
        refresh();
        generation.incrementAndGet();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the skill index " + dir, e);
    } finally {
      writing.unlock();
    }
  }

  @Override
  public void release() {
    writing.lock();
    try {
      if (writer == null) {
        return;
      }
      if (uncommitted) {
        writer.commit();
        uncommitted = false;
      }
      IndexWriter w = writer;
      SearcherManager old = searchers;
      // readers over the last commit from now on, as before the first write
      searchers = managed(new SearcherManager(directory(), null));
      writer = null;
      old.close();
      // the commit holds every change; only now, so a read that took the old readers before
      // they closed still has the changes they do not see
      pending = Pending.NONE;
      w.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release the skill index " + dir, e);
    } finally {
      generation.incrementAndGet();
      writing.unlock();
    }
  }

  /** Under {@link #writing}: files first, then the index, then readers see it. */
  private void write(java.util.Collection<Skill> skills) {
    IndexWriter w = writer();
    // The files first: they are the truth. Each document stores its file's content, is made
    // while the other files are written, and goes to the writer while they wait on the disk;
    // readers see it at the refresh, once the files are in place. An index behind its files is
    // caught up on the next open.
    List<Skill> all = SkillFiles.lastOfEach(skills);
    Document[] docs = new Document[all.size()];
    boolean[] sent = new boolean[1];
    try {
      files.writeAll(all, (json, i) -> docs[i] = toDocument(all.get(i), json), () -> {
        sent[0] = true;
        uncommitted = true;
        try {
          for (Document d : docs) {
            w.updateDocument(new Term(ID, d.get(ID)), d);
          }
          w.flush(); // the refresh's work, unseen until then
        } catch (IOException e) {
          throw new UncheckedIOException("cannot write the skill index " + dir, e);
        }
      });
      refresh();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the skill index " + dir, e);
    } catch (RuntimeException | Error e) {
      if (sent[0]) {
        asOnDisk(w, all, e);
        try {
          refresh(); // readers see the files that did go in place
        } catch (IOException | RuntimeException r) {
          e.addSuppressed(r);
        }
      }
      throw e;
    } finally {
      generation.incrementAndGet();
    }
  }

  /**
   * After a write that failed once its documents were sent: each of {@code skills} indexed as
   * its file is now (the old one when it was not replaced), or not at all without one (nor when
   * its file cannot be read); errors go to {@code failure}. A writer that broke meanwhile keeps
   * nothing: the next open catches the index up with the files.
   */
  private void asOnDisk(IndexWriter w, List<Skill> skills, Throwable failure) {
    for (Skill s : skills) {
      if (!w.isOpen() || w.getTragicException() != null) {
        return;
      }
      Term id = new Term(ID, s.id());
      try {
        Path f = files.fileOf(s);
        Skill onDisk = Files.exists(f) ? Json.mapper().readValue(f.toFile(), Skill.class) : null;
        if (onDisk != null && onDisk.id().equals(s.id())) {
          w.updateDocument(id, toDocument(onDisk));
        } else {
          w.deleteDocuments(id);
        }
      } catch (IOException | RuntimeException e) {
        failure.addSuppressed(e);
        try {
          w.deleteDocuments(id);
        } catch (IOException | RuntimeException d) {
          failure.addSuppressed(d);
        }
      }
    }
  }

  /**
   * Under {@link #writing}: writes {@code s}, a change of {@code found} that leaves every
   * searched field as it was, without a refresh of the readers of its own;
   * reads take it from {@link #pending} until the next refresh, done by the first such change
   * {@link #PENDING_NANOS} after the last refresh or the {@link #PENDING_MAX}th one, or by the
   * next write that changes what is searched (there is no timer: nothing is stale meanwhile).
   */
  private void writeUnsearched(Skill s, Found found) {
    Document d = toDocument(s, files.write(s));
    try {
      writer.updateDocument(new Term(ID, s.id()), d);
      uncommitted = true;
      Pending p = pending;
      if (p.reader() != found.reader()) { // the first change the readers do not see
        p = new Pending(found.reader(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
        pending = p;
      }
      p.skills().put(s.id(), s);
      p.rates().put(found.doc(), rate(s));
      if (p.skills().size() >= PENDING_MAX
          || System.nanoTime() - refreshedAt >= PENDING_NANOS) {
        refresh();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the skill index " + dir, e);
    } finally {
      generation.incrementAndGet(); // after pending: a read of this generation sees the change
    }
  }

  /** Under {@link #writing}: the readers see every write made so far. */
  private void refresh() throws IOException {
    searchers.maybeRefreshBlocking();
    pending = Pending.NONE;
    refreshedAt = System.nanoTime();
  }

  /** What a skill's document is searched and looked up by: every field but its JSON and rate. */
  private static List<String> searched(Document d) {
    List<String> fields = new ArrayList<>();
    for (IndexableField f : d) {
      if (!f.name().equals(JSON) && !f.name().equals(RATE)) {
        fields.add(f.name() + '=' + f.stringValue());
      }
    }
    return fields;
  }

  /** The factor a skill's relevance is multiplied by: 0.5 plus its success rate. */
  private static double rate(Skill s) {
    return 0.5 + s.health().successRate();
  }

  /**
   * Under {@link #writing}: skill {@code id} as it is now, and its document; null if none. Read
   * from the id's postings directly: a search would score and collect the one document.
   */
  private Found current(String id) {
    BytesRef term = new BytesRef(id);
    return withSearcher(null, (s, p) -> {
      for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
        Terms ids = leaf.reader().terms(ID);
        TermsEnum te = ids == null ? null : ids.iterator();
        if (te == null || !te.seekExact(term)) {
          continue;
        }
        PostingsEnum docs = te.postings(null, PostingsEnum.NONE);
        Bits live = leaf.reader().getLiveDocs();
        for (int d = docs.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = docs.nextDoc()) {
          if (live == null || live.get(d)) {
            Skill skill = p.patch(s, fromDocument(leaf.reader().storedFields().document(d)));
            return new Found(skill, s.getIndexReader(), leaf.docBase + d);
          }
        }
      }
      return null;
    });
  }

  @Override
  public void commit() {
    writing.lock();
    try {
      if (writer != null && uncommitted) {
        writer.commit();
        uncommitted = false;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit the skill index " + dir, e);
    } finally {
      writing.unlock();
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
  private List<Skill> similar(Skill skill) {
    Query like = withSearcher(null, (s, p) -> {
      org.apache.lucene.queries.mlt.MoreLikeThis mlt =
          new org.apache.lucene.queries.mlt.MoreLikeThis(s.getIndexReader());
      mlt.setAnalyzer(indexAnalyzer);
      mlt.setFieldNames(new String[] {DESCRIPTION});
      mlt.setMinTermFreq(1);
      mlt.setMinDocFreq(1);
      mlt.setMinWordLen(2);
      return mlt.like(DESCRIPTION, new java.io.StringReader(skill.description()));
    });
    if (like == null) {
      return List.of();
    }
    Query q = new BooleanQuery.Builder().add(like, BooleanClause.Occur.MUST)
        .add(new TermQuery(new Term(SITE, skill.site())), BooleanClause.Occur.FILTER).build();
    return find(q, SIMILAR).stream()
        .filter(k -> steps(k).equals(steps(skill)) && paramNames(k).equals(paramNames(skill))
            && jaccard(words(k.description()), words(skill.description())) >= ALIKE)
        .toList();
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

  /** A reader-only index catches up with what another process committed. */
  private void catchUp() {
    SearcherManager m = searchers;
    if (writer == null && m != null) {
      try {
        m.maybeRefresh(); // a newer commit moves the generation on (see managed)
      } catch (IOException | org.apache.lucene.store.AlreadyClosedException e) {
        // the next read reports it
      }
    }
  }

  @Override
  public Optional<Skill> get(String idOrName) {
    catchUp();
    return lookups.get(new Lookup(generation.get(), idOrName), k -> lookup(idOrName));
  }

  private Optional<Skill> lookup(String idOrName) {
    List<Skill> byId = find(new TermQuery(new Term(ID, idOrName)), 1);
    if (!byId.isEmpty()) {
      return Optional.of(byId.get(0));
    }
    List<Skill> byAlias = find(new TermQuery(new Term(ALIAS, idOrName)), 1);
    if (!byAlias.isEmpty()) {
      return Optional.of(byAlias.get(0));
    }
    List<Skill> all = list(null);
    return all.stream().filter(s -> s.name().equals(idOrName)).findFirst()
        .or(() -> all.stream().filter(s -> s.aliases().contains(s.site() + ":" + idOrName))
            .findFirst());
  }

  @Override
  public List<Skill> list(String site) {
    catchUp();
    Query q = site == null ? new MatchAllDocsQuery() : new TermQuery(new Term(SITE, site));
    List<Skill> all = new ArrayList<>(find(q, Integer.MAX_VALUE));
    all.sort(Comparator.comparing(Skill::id));
    return all;
  }

  @Override
  public List<Hit> search(String text, Filter filter, int k) {
    if (k <= 0) {
      throw new IllegalArgumentException("k must be positive: " + k);
    }
    catchUp();
    return searches.get(new Search(generation.get(), text, filter, k),
        key -> List.copyOf(searchIndex(text, filter, k)));
  }

  private List<Hit> searchIndex(String text, Filter filter, int k) {
    Set<String> terms = analyze(queryAnalyzer, text);
    if (terms.isEmpty()) {
      return List.of();
    }
    return withSearcher(List.of(), (s, p) -> {
      Query words = words(s, terms);
      if (words == null) {
        return List.of();
      }
      BooleanQuery.Builder q = new BooleanQuery.Builder().add(words, BooleanClause.Occur.MUST);
      if (filter.site() != null) {
        q.add(new TermQuery(new Term(SITE, filter.site())), BooleanClause.Occur.FILTER);
      }
      if (filter.verifiedOnly()) {
        q.add(new TermQuery(new Term(STATUS, Skill.Status.VERIFIED.name())),
            BooleanClause.Occur.FILTER);
      }
      List<Hit> hits = new ArrayList<>();
      org.apache.lucene.index.StoredFields stored = s.storedFields();
      for (ScoreDoc sd : ranked(s, p, q.build(), k)) {
        hits.add(new Hit(p.patch(s, fromDocument(stored.document(sd.doc))), sd.score));
      }
      return hits;
    });
  }

  /** The fields a search's words are looked for in, and each one's weight. */
  private static final String[] WORD_FIELDS = {DESCRIPTION, NAME, EXAMPLES};
  private static final float[] WORD_BOOSTS = {2f, 1.5f, 1f};
  /** The most words of a search looked up: three clauses each stay under Lucene's 1,024. */
  static final int MAX_WORDS = 300;

  /**
   * Each word in each of {@link #WORD_FIELDS}, weighted, any of them matching; null when none of
   * the words is in the index. The terms' statistics are looked up with one terms enum per
   * segment and field for all words (a plain TermQuery opens one per word), and a word a field
   * does not hold anywhere makes no clause: it could match nothing, so the hits and their scores
   * are those of the query with every clause.
   */
  private static Query words(IndexSearcher s, Set<String> terms) throws IOException {
    IndexReaderContext top = s.getTopReaderContext();
    // a search is a few words; a page of text pasted as one still gets an answer, by its first
    // words, within Lucene's limit on clauses
    BytesRef[] bytes = new BytesRef[Math.min(terms.size(), MAX_WORDS)];
    int n = 0;
    for (String t : terms) {
      if (n == bytes.length) {
        break;
      }
      bytes[n++] = new BytesRef(t);
    }
    TermStates[][] states = new TermStates[WORD_FIELDS.length][bytes.length];
    for (LeafReaderContext leaf : top.leaves()) {
      for (int f = 0; f < WORD_FIELDS.length; f++) {
        Terms fieldTerms = leaf.reader().terms(WORD_FIELDS[f]);
        if (fieldTerms == null) {
          continue;
        }
        TermsEnum te = fieldTerms.iterator();
        for (int i = 0; i < bytes.length; i++) {
          if (te.seekExact(bytes[i])) {
            if (states[f][i] == null) {
              states[f][i] = new TermStates(top);
            }
            states[f][i].register(te.termState(), leaf.ord, te.docFreq(), te.totalTermFreq());
          }
        }
      }
    }
    BooleanQuery.Builder words = new BooleanQuery.Builder();
    int clauses = 0;
    for (int i = 0; i < bytes.length; i++) {
      for (int f = 0; f < WORD_FIELDS.length; f++) {
        if (states[f][i] != null) {
          Query q = new TermQuery(new Term(WORD_FIELDS[f], bytes[i]), states[f][i]);
          words.add(WORD_BOOSTS[f] == 1f ? q : new BoostQuery(q, WORD_BOOSTS[f]),
              BooleanClause.Occur.SHOULD);
          clauses++;
        }
      }
    }
    return clauses == 0 ? null : words.build();
  }

  /**
   * The top {@code k} by relevance times (0.5 + success rate), so a skill that works outranks an
   * equal one that fails. Exact, without scoring every match: the best {@code n} by relevance
   * alone come first (Lucene skips the rest by their score bounds); since a rate is at most
   * {@link #MAX_RATE}, a skill outside them can beat the k-th rescored one only while that one
   * is below the n-th relevance times the top rate, and then n grows.
   */
  private static List<ScoreDoc> ranked(IndexSearcher s, Pending p, Query words, int k)
      throws IOException {
    for (int n = Math.max(4 * k, 64); ; n *= 4) {
      ScoreDoc[] top = s.search(words, new TopScoreDocCollectorManager(n, n)).scoreDocs;
      List<ScoreDoc> rescored = rescore(s, p, top);
      if (top.length < n || rescored.size() < k
          || rescored.get(k - 1).score >= top[n - 1].score * MAX_RATE) {
        return rescored.subList(0, Math.min(k, rescored.size()));
      }
    }
  }

  /** The highest {@code RATE} a skill has: 0.5 plus a success rate of 1. */
  private static final double MAX_RATE = 1.5;

  private static List<ScoreDoc> rescore(IndexSearcher s, Pending p, ScoreDoc[] top)
      throws IOException {
    ScoreDoc[] byDoc = top.clone();
    Arrays.sort(byDoc, Comparator.comparingInt(d -> d.doc));
    List<LeafReaderContext> leaves = s.getIndexReader().leaves();
    List<ScoreDoc> out = new ArrayList<>(top.length);
    int leaf = -1;
    NumericDocValues rates = null;
    for (ScoreDoc d : byDoc) {
      int l = ReaderUtil.subIndex(d.doc, leaves);
      if (l != leaf) {
        leaf = l;
        rates = leaves.get(l).reader().getNumericDocValues(RATE);
      }
      int local = d.doc - leaves.get(l).docBase;
      double rate = p.rate(s, d.doc, rates != null && rates.advanceExact(local)
          ? Double.longBitsToDouble(rates.longValue()) : 0);
      out.add(new ScoreDoc(d.doc, (float) (d.score * rate)));
    }
    out.sort((a, b) -> a.score != b.score ? Float.compare(b.score, a.score)
        : Integer.compare(a.doc, b.doc));
    return out;
  }

  @Override
  public int size() {
    return withSearcher(0, (s, p) -> s.getIndexReader().numDocs());
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
    return withSearcher(List.of(), (s, p) -> {
      int n = Math.max(1, Math.min(max, s.getIndexReader().maxDoc()));
      List<Skill> out = new ArrayList<>();
      org.apache.lucene.index.StoredFields stored = s.storedFields();
      for (ScoreDoc sd : s.search(q, n).scoreDocs) {
        out.add(p.patch(s, fromDocument(stored.document(sd.doc))));
      }
      return out;
    });
  }

  /** A read of the index as it is now: its searcher and the changes it does not see yet. */
  @FunctionalInterface
  private interface Read<T> {
    T apply(IndexSearcher searcher, Pending pending) throws IOException;
  }

  /**
   * Runs {@code read} on a searcher of the latest state, or returns {@code none} while no index
   * exists. A writer opened meanwhile replaces the manager; the read then runs on the new one.
   */
  private <T> T withSearcher(T none, Read<T> read) {
    for (;;) {
      open();
      SearcherManager m = searchers();
      if (m == null) {
        return none;
      }
      Pending p = pending; // before the searcher: what leaves it is in the searcher
      IndexSearcher s;
      try {
        s = m.acquire();
      } catch (org.apache.lucene.store.AlreadyClosedException e) {
        if (m == searchers) {
          throw e;
        }
        continue;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the skill index " + dir, e);
      }
      try {
        return read.apply(s, p);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the skill index " + dir, e);
      } finally {
        try {
          m.release(s);
        } catch (IOException e) {
          // releasing a reader cannot lose data
        }
      }
    }
  }

  /** The readers' manager, opened over the last commit on first use; null while no index. */
  private SearcherManager searchers() {
    SearcherManager m = searchers;
    if (m != null) {
      return m;
    }
    writing.lock();
    try {
      open();
      if (searchers == null && Files.isDirectory(indexDir)
          && DirectoryReader.indexExists(directory())) {
        searchers = managed(new SearcherManager(directory(), null));
      }
      return searchers;
    } catch (IOException e) {
      throw new SkillwrightException("cannot open the skill index " + dir + ": " + e.getMessage(), e);
    } finally {
      writing.unlock();
    }
  }

  /** Moves the generation on whenever the readers see a newer index than before. */
  private SearcherManager managed(SearcherManager m) {
    m.addListener(new org.apache.lucene.search.ReferenceManager.RefreshListener() {
      @Override
      public void beforeRefresh() {}

      @Override
      public void afterRefresh(boolean didRefresh) {
        if (didRefresh) {
          generation.incrementAndGet();
        }
      }
    });
    return m;
  }

  private void open() {
    if (closed) {
      throw new IllegalStateException("the skill index " + dir + " is closed");
    }
  }

  private Directory directory() throws IOException {
    if (directory == null) {
      directory = FSDirectory.open(indexDir);
    }
    return directory;
  }

  /** Under {@link #writing}: the writer, opened on first use, with readers over it from then. */
  private IndexWriter writer() {
    if (writer == null) {
      try {
        Files.createDirectories(indexDir);
        open();
        IndexWriter w = new IndexWriter(directory(),
            config(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
        SearcherManager old = searchers;
        searchers = managed(new SearcherManager(w, null));
        writer = w;
        if (old != null) {
          old.close();
        }
      } catch (LockObtainFailedException e) {
        throw new SkillwrightException("the skill index " + dir
            + " is in use by another process; wait for it to finish");
      } catch (IllegalArgumentException e) {
        // Lucene refuses to write an index sorted otherwise (the older layout, which opening
        // rebuilds unless another process held it then)
        throw new SkillwrightException("the skill index " + dir + " is of an older layout ("
            + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
            + "); rebuild it with: skillwright skills reindex, once no other process uses it");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open the skill index " + dir, e);
      }
    }
    return writer;
  }

  /**
   * The order of the documents in each segment: by site. A search is of one site's skills, and
   * with them side by side its words' postings are read over that site's range only (Lucene
   * skips the rest block by block) instead of at each of its documents scattered over the
   * index: at 100,000 skills over 50 sites that halves a search's time.
   */
  static final Sort ORDER = new Sort(new SortField(SITE, SortField.Type.STRING));

  /**
   * How the index and its rebuilds are written. A search looks each of its words up once per
   * segment and opens a postings reader per word and segment, so a small index searched far more
   * often than written is kept in few segments: a RAM buffer that holds a bulk load of 100,000
   * skills (a rebuild flushes one segment, not several of Lucene's default 16 MB), and merges
   * of five segments a tier instead of ten (each merge is small: so is the index). A flushed
   * segment is not packed into a compound file: the copy costs each refresh, and a few segments'
   * files are few. Documents are kept in site order ({@link #ORDER}).
   */
  static IndexWriterConfig config(IndexWriterConfig.OpenMode mode) {
    TieredMergePolicy merges = new TieredMergePolicy();
    merges.setSegmentsPerTier(5);
    return new IndexWriterConfig(SkillAnalyzers.index()).setOpenMode(mode)
        .setRAMBufferSizeMB(64).setMergePolicy(merges).setUseCompoundFile(false)
        .setIndexSort(ORDER);
  }

  /** The document of {@code s}, from the content of its file ({@link SkillFiles#bytes}). */
  static Document toDocument(Skill s) {
    return toDocument(s, SkillFiles.bytes(s));
  }

  /**
   * The document of {@code s}: its {@link #fields} and {@code json}, the content of its file,
   * stored as bytes (as a string it would be turned to UTF-16 and back at each write and merge).
   */
  static Document toDocument(Skill s, byte[] json) {
    Document d = fields(s);
    d.add(new StoredField(JSON, json));
    return d;
  }

  /**
   * The JSON a document stores: its skill's file's content, or of an index written before that
   * (its stored string), the skill in one line.
   */
  static byte[] storedJson(Document d) {
    BytesRef b = d.getBinaryValue(JSON);
    if (b != null) {
      return Arrays.copyOfRange(b.bytes, b.offset, b.offset + b.length);
    }
    String text = d.get(JSON);
    return text == null ? new byte[0] : text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Every field of the document of {@code s} but its JSON. */
  private static Document fields(Skill s) {
    Document d = new Document();
    d.add(new StringField(ID, s.id(), Field.Store.YES));
    d.add(new StringField(SITE, s.site(), Field.Store.NO));
    d.add(new SortedDocValuesField(SITE, new BytesRef(s.site()))); // for ORDER
    d.add(new TextField(NAME, s.name().replace('-', ' ').replace('_', ' '), Field.Store.NO));
    d.add(new TextField(DESCRIPTION, s.description(), Field.Store.NO));
    d.add(new TextField(EXAMPLES, String.join("\n", s.examples()), Field.Store.NO));
    d.add(new StringField(STATUS, s.status().name(), Field.Store.NO));
    d.add(new StringField(SIGNATURE, signatureKey(s), Field.Store.NO));
    s.aliases().forEach(a -> d.add(new StringField(ALIAS, a, Field.Store.NO)));
    d.add(new org.apache.lucene.document.DoubleDocValuesField(RATE, rate(s)));
    return d;
  }

  private Skill fromDocument(Document d) {
    try {
      return Json.mapper().readValue(storedJson(d), Skill.class);
    } catch (IOException e) {
      throw new SkillwrightException("skill " + d.get(ID) + " in " + dir + " cannot be read: "
          + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
    }
  }

  @Override
  public void close() {
    writing.lock();
    closed = true;
    try {
      if (searchers != null) {
        searchers.close();
      }
      if (writer != null) {
        writer.close(); // commits what is not committed yet
      }
      if (directory != null) {
        directory.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the skill index " + dir, e);
    } finally {
      searchers = null;
      writer = null;
      directory = null;
      pending = Pending.NONE;
      writing.unlock();
    }
  }
}
