package siebench.data.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import siebench.data.Role;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** MovieLens ratings (+ movies) layout; see {@link Loaders#readMovieLens}. */
final class MovieLensLoader {
  private MovieLensLoader() {}

  static Loaded read(Path dirOrFile, double threshold, MissingValues missing) {
    if (!Double.isFinite(threshold)) {
      throw new IllegalArgumentException("threshold must be a finite rating, got " + threshold);
    }
    Path ratings = Files.isDirectory(dirOrFile) ? dirOrFile.resolve("ratings.csv") : dirOrFile;
    String description = "MovieLens ratings, label = rating >= " + threshold;
    LoadReport.Builder r = new LoadReport.Builder(ratings, description);
    Path parent = ratings.toAbsolutePath().getParent();
    Path movies = parent == null ? null : parent.resolve("movies.csv");
    List<String> header = DelimitedReader.firstRecord(ratings, CsvOptions.csv());
    for (String c : List.of("userId", "movieId", "rating", "timestamp")) {
      if (!header.contains(c)) {
        throw new LoadException(ratings, 1, 0, c, "not a MovieLens ratings file: the header lacks '" + c
            + "'; it has " + header);
      }
    }
    CsvOptions o = CsvOptions.csv().missingTokens("").types(FieldType.INTEGER, "userId", "movieId", "timestamp")
        .type("rating", FieldType.DOUBLE);
    DelimitedReader.Parsed p = DelimitedReader.read(ratings, o);
    DoubleColumn rating = (DoubleColumn) p.table.column("rating");
    int n = rating.size();
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      if (rating.isMissing(i)) {
        throw p.error(i, "rating", "expected a rating, got an empty field");
      }
      y[i] = rating.getDouble(i) >= threshold ? 1 : 0;
    }
    Table t = p.table.copy();
    t.addColumns(IntColumn.create("label", y));
    SchemaSpec spec = new SchemaSpec().label("label").categorical("userId", "movieId").ignore("rating")
        .role(Role.USER, "userId").role(Role.ITEM, "movieId").role(Role.TIMESTAMP, "timestamp");
    if (movies != null && Files.exists(movies)) {
      Map<Integer, String> genre = firstGenres(movies);
      IntColumn movie = (IntColumn) t.column("movieId");
      StringColumn g = StringColumn.create("genre");
      int unmatched = 0;
      for (int i = 0; i < n; i++) {
        String v = movie.isMissing(i) ? null : genre.get(movie.getInt(i));
        if (v == null) {
          g.appendMissing();
          unmatched++;
        } else {
          g.append(v);
        }
      }
      t.addColumns(g);
      spec.categorical("genre");
      r.description = description + ", genre = first genre in movies.csv";
      r.note("joined the first genre of " + genre.size() + " movies from movies.csv; " + unmatched
          + " rating(s) of movies not in movies.csv have no genre");
    } else {
      r.note("no movies.csv beside " + ratings.getFileName() + ": no genre column");
    }
    return Assembly.finish(p, t, spec, missing, r, false);
  }

  private static Map<Integer, String> firstGenres(Path movies) {
    DelimitedReader.Parsed m = DelimitedReader.read(movies, CsvOptions.csv().missingTokens("")
        .type("movieId", FieldType.INTEGER).type("genres", FieldType.STRING));
    m.requireColumns("movies.csv", List.of("movieId", "genres"));
    IntColumn id = (IntColumn) m.table.column("movieId");
    StringColumn genres = (StringColumn) m.table.column("genres");
    Map<Integer, String> first = new HashMap<>();
    for (int i = 0; i < id.size(); i++) {
      if (id.isMissing(i)) {
        throw m.error(i, "movieId", "expected a movie id, got an empty field");
      }
      String g = genres.isMissing(i) ? null : genres.get(i);
      int bar = g == null ? -1 : g.indexOf('|');
      String f = g == null ? null : bar < 0 ? g : g.substring(0, bar);
      if (first.containsKey(id.getInt(i))) {
        throw m.error(i, "movieId", "duplicate movie id " + id.getInt(i));
      }
      first.put(id.getInt(i), f);
    }
    return first;
  }
}
