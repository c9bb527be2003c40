package siebench.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siebench.SharedData;
import siebench.core.Progress;
import siebench.data.io.Dataset.DataFile;

/**
 * The dataset catalogue and its store: resolution order (data directory, then cache, then download), the message
 * when a dataset is nowhere, checksum and size checks, and downloads from a local HTTP server started here (no
 * other network). The catalogue's recorded sizes and checksums are checked against the copies in shared/data with
 * an independent SHA-256 (the JDK's MessageDigest over the whole file read at once).
 */
class DatasetsTest {
  private static final byte[] A = "user,item,click\n1,2,0\n3,4,1\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] B = "item,price\n2,9.5\n4,1.25\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path tmp;
  private HttpServer server;
  private final Map<String, byte[]> served = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static String sha(byte[] bytes) throws Exception {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  /** A two-file dataset whose URLs point at {@code base} (a file in a sub-folder, like Open Bandit's). */
  private static Dataset tiny(String base) throws Exception {
    return new Dataset("tiny", "tiny_sample", "a tiny test sample", "https://example.org/", "test data",
        List.of(DataFile.of("a.csv", base + "/files/a.csv", A.length, sha(A)),
            DataFile.of("sub/b.csv", base + "/files/b.csv", B.length, sha(B))));
  }

  private static Path write(Path dir, Dataset d) throws IOException {
    Path folder = dir.resolve(d.folder());
    Files.createDirectories(folder.resolve("sub"));
    Files.write(folder.resolve("a.csv"), A);
    Files.write(folder.resolve("sub/b.csv"), B);
    return folder;
  }

  private String startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/files/", exchange -> {
      requests.incrementAndGet();
      String name = exchange.getRequestURI().getPath().substring("/files/".length());
      byte[] body = served.get(name);
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
      } else {
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
      exchange.close();
    });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private DatasetStore store() {
    return DatasetStore.standard().dataDirectory(null).cacheDirectory(tmp.resolve("cache")).download(false)
        .progress(Progress.silent());
  }

  @Test
  void dataDirectoryBeatsCache() throws Exception {
    Dataset d = tiny("http://127.0.0.1:1");
    Path data = write(tmp.resolve("data"), d);
    Path cached = write(tmp.resolve("cache"), d);
    assertEquals(data, store().dataDirectory(tmp.resolve("data")).resolve(d));
    assertEquals(cached, store().resolve(d));
  }

  @Test
  void cacheIsUsedWhenTheDataDirectoryLacksAFile() throws Exception {
    Dataset d = tiny("http://127.0.0.1:1");
    Path data = write(tmp.resolve("data"), d);
    Files.delete(data.resolve("sub/b.csv"));
    Path cached = write(tmp.resolve("cache"), d);
    assertEquals(cached, store().dataDirectory(tmp.resolve("data")).resolve(d));
  }

  @Test
  void systemPropertiesConfigureTheStandardStore() {
    String[] keys = {DatasetStore.DATA_PROPERTY, DatasetStore.CACHE_PROPERTY, DatasetStore.OFFLINE_PROPERTY};
    String[] old = new String[keys.length];
    for (int i = 0; i < keys.length; i++) {
      old[i] = System.getProperty(keys[i]);
    }
    try {
      System.setProperty(DatasetStore.DATA_PROPERTY, tmp.resolve("d").toString());
      System.setProperty(DatasetStore.CACHE_PROPERTY, tmp.resolve("c").toString());
      System.setProperty(DatasetStore.OFFLINE_PROPERTY, "true");
      DatasetStore s = DatasetStore.standard();
      assertEquals(tmp.resolve("d"), s.dataDirectory());
      assertEquals(tmp.resolve("c"), s.cacheDirectory());
      assertFalse(s.downloads());
      System.setProperty(DatasetStore.OFFLINE_PROPERTY, "false");
      assertTrue(DatasetStore.standard().downloads());
    } finally {
      for (int i = 0; i < keys.length; i++) {
        if (old[i] == null) {
          System.clearProperty(keys[i]);
        } else {
          System.setProperty(keys[i], old[i]);
        }
      }
    }
  }

  @Test
  void messageNamesDatasetFilesDirectoriesAndWhatToDo() throws Exception {
    Dataset d = tiny("http://127.0.0.1:1");
    Files.createDirectories(tmp.resolve("data"));
    DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
        () -> store().dataDirectory(tmp.resolve("data")).resolve(d));
    assertFalse(e.mismatch());
    String m = e.getMessage();
    assertTrue(m.startsWith("dataset 'tiny' (a tiny test sample) is not available."), m);
    assertTrue(m.contains("tiny_sample/a.csv  " + A.length + " bytes  sha256 " + sha(A)), m);
    assertTrue(m.contains("tiny_sample/sub/b.csv"), m);
    assertTrue(m.contains(tmp.resolve("data").resolve("tiny_sample") + " (data directory): missing a.csv, sub/b.csv"), m);
    assertTrue(m.contains(tmp.resolve("cache").resolve("tiny_sample") + " (cache): missing a.csv, sub/b.csv"), m);
    assertTrue(m.contains("Download: off (SIEBENCH_OFFLINE"), m);
    assertTrue(m.contains("Fix: set SIEBENCH_DATA (or -Dsiebench.data)"), m);
    assertTrue(m.contains("put the files in " + tmp.resolve("cache").resolve("tiny_sample") + "/"), m);

    String unset = assertThrows(DatasetUnavailableException.class, () -> store().resolve(d)).getMessage();
    assertTrue(unset.contains("data directory: not set (SIEBENCH_DATA / -Dsiebench.data)"), unset);
  }

  @Test
  void failedDownloadIsReportedInTheMessage() throws Exception {
    String base = startServer();   // serves nothing: every file is a 404
    DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
        () -> store().download(true).resolve(tiny(base)));
    assertTrue(e.getMessage().contains("Download: failed: java.io.IOException: HTTP 404 for " + base + "/files/a.csv"),
        e.getMessage());
    assertTrue(e.getMessage().contains("Fix: set SIEBENCH_DATA"), e.getMessage());
  }

  @Test
  void unreachableServerIsReportedWithItsUrl() throws Exception {
    String base = startServer();
    server.stop(0);   // nothing listens on the port any more
    server = null;
    DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
        () -> store().download(true).resolve(tiny(base)));
    assertTrue(e.getMessage().contains("Download: failed: java.io.IOException: cannot fetch " + base
        + "/files/a.csv (java.net.ConnectException"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("cache").resolve("tiny_sample")), "nothing is created in the cache");
  }

  @Test
  void datasetWithoutPublicUrlSaysSo() throws Exception {
    Dataset d = new Dataset("local", "local_subset", "a subset made here", "https://example.org/", "test",
        List.of(DataFile.local("x.csv", A.length, sha(A), "a subset made locally")));
    assertFalse(d.downloadable());
    String m = assertThrows(DatasetUnavailableException.class, () -> store().download(true).resolve(d))
        .getMessage();
    assertTrue(m.contains("Download: not possible: [x.csv has no public URL (a subset made locally)]"), m);
  }

  @Test
  void checksumAndSizeMismatchAreErrorsNotMisses() throws Exception {
    Dataset d = tiny("http://127.0.0.1:1");
    Path folder = write(tmp.resolve("data"), d);
    write(tmp.resolve("cache"), d);   // a good copy that must not be used silently
    byte[] changed = A.clone();
    changed[changed.length - 2] = '0';   // same size, one label flipped
    Files.write(folder.resolve("a.csv"), changed);
    DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
        () -> store().dataDirectory(tmp.resolve("data")).resolve(d));
    assertTrue(e.mismatch());
    String m = e.getMessage();
    assertTrue(m.contains(folder.resolve("a.csv") + " does not match the catalogue (sha256 " + sha(changed)
        + ", expected " + sha(A) + ")"), m);

    Files.write(folder.resolve("a.csv"), java.util.Arrays.copyOf(A, A.length + 1));
    m = assertThrows(DatasetUnavailableException.class,
        () -> store().dataDirectory(tmp.resolve("data")).resolve(d)).getMessage();
    assertTrue(m.contains("(size " + (A.length + 1) + " bytes, expected " + A.length + ")"), m);
  }

  @Test
  void downloadsIntoTheCacheOnceAndReportsProgress() throws Exception {
    String base = startServer();
    served.put("a.csv", A);
    served.put("b.csv", B);
    Dataset d = tiny(base);
    List<String> updates = new ArrayList<>();
    Progress progress = new Progress() {
      @Override
      public void update(String task, long done, long total, String message) {
        updates.add(task + " " + done + "/" + total + " " + message);
      }
    };
    DatasetStore s = store().download(true).progress(progress);
    Path folder = s.resolve(d);
    assertEquals(tmp.resolve("cache").resolve("tiny_sample"), folder);
    assertArrayEquals(A, Files.readAllBytes(folder.resolve("a.csv")));
    assertArrayEquals(B, Files.readAllBytes(folder.resolve("sub/b.csv")));
    assertEquals(2, requests.get());
    assertEquals(3, updates.size(), updates.toString());
    assertTrue(updates.get(0).startsWith("download tiny 0/2 a.csv (" + A.length + " bytes) from " + base), updates.toString());
    assertEquals(Set.of("a.csv", "sub", "sub/b.csv"), tree(folder), "no temporary file is left");
    assertEquals(folder, s.resolve(d));
    assertEquals(2, requests.get(), "a cached dataset is not downloaded again");
  }

  @Test
  void downloadWithWrongBytesLeavesNothingBehind() throws Exception {
    String base = startServer();
    served.put("a.csv", A);
    byte[] wrong = B.clone();
    wrong[0] = 'J';
    served.put("b.csv", wrong);
    Dataset d = tiny(base);
    DatasetUnavailableException e = assertThrows(DatasetUnavailableException.class,
        () -> store().download(true).resolve(d));
    assertTrue(e.mismatch());
    String m = e.getMessage();
    assertTrue(m.contains("the download of sub/b.csv from " + base + "/files/b.csv does not match the catalogue (got "
        + B.length + " bytes, sha256 " + sha(wrong) + "; expected " + B.length + " bytes, sha256 " + sha(B) + ")"), m);
    Path folder = tmp.resolve("cache").resolve("tiny_sample");
    assertEquals(Set.of("a.csv", "sub"), tree(folder), "the bad file and its temporary copy are gone");
  }

  @Test
  void catalogueEntriesAreWellFormedAndFindable() {
    Set<String> names = new HashSet<>();
    Set<String> folders = new HashSet<>();
    for (Dataset d : Datasets.all()) {
      assertTrue(names.add(d.name()), d.name());
      assertTrue(folders.add(d.folder()), d.folder());
      assertEquals(d, Datasets.entry(d.name()));
      assertEquals(d, Datasets.entry(d.folder()));
      assertTrue(d.downloadable(), d.name() + ": every shared sample is a byte-for-byte copy with a raw URL");
      for (DataFile f : d.files()) {
        assertTrue(f.url().startsWith("https://"), f.url());
      }
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.entry("nope"));
    assertTrue(e.getMessage().contains("no dataset 'nope' in the catalogue; expected one of [movieLensSmall,"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DataFile.of("../x.csv", "https://x", 1, "0".repeat(64)));
    assertThrows(IllegalArgumentException.class, () -> DataFile.of("x.csv", "https://x", 1, "ABC"));
  }

  /** Every catalogue entry against shared/data: same file set, sizes and SHA-256 (MessageDigest over all bytes). */
  @Test
  void catalogueMatchesSharedData() throws Exception {
    Path root = SharedData.root();
    Assumptions.assumeTrue(root != null && Files.isDirectory(root), "shared/data not found: " + root);
    DatasetStore s = store().dataDirectory(root);
    for (Dataset d : Datasets.all()) {
      Path folder = s.resolve(d);
      assertEquals(root.resolve(d.folder()), folder);
      Set<String> expected = new HashSet<>();
      for (DataFile f : d.files()) {
        byte[] bytes = Files.readAllBytes(folder.resolve(f.path()));
        assertEquals(f.bytes(), bytes.length, f.path());
        assertEquals(f.sha256(), sha(bytes), f.path());
        expected.add(f.path());
      }
      Set<String> present = new HashSet<>();
      for (String p : tree(folder)) {
        if (Files.isRegularFile(folder.resolve(p)) && !p.equals("README.md")) {
          present.add(p);
        }
      }
      assertEquals(present, expected, d.folder() + ": the catalogue names every data file of the folder");
    }
    assertEquals(Datasets.all().size(), Files.list(root).filter(Files::isDirectory).count(),
        "every folder of shared/data is in the catalogue");
  }

  @Test
  void sha256HelperMatchesMessageDigest() throws Exception {
    assertEquals(sha(A), DatasetStore.sha256(new ByteArrayInputStream(A)));
    assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        DatasetStore.sha256(new ByteArrayInputStream(new byte[0])), "the published SHA-256 of the empty string");
  }

  private static Set<String> tree(Path folder) throws IOException {
    try (Stream<Path> s = Files.walk(folder)) {
      Set<String> out = new HashSet<>();
      s.filter(p -> !p.equals(folder)).forEach(p -> out.add(folder.relativize(p).toString()));
      return out;
    }
  }
}
