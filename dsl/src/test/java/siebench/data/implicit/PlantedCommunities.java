package siebench.data.implicit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A planted implicit-feedback log for the tests: users in two communities, each interacting with distinct items of
 * its community's own item range only, so a model that learns the communities ranks a user's held-out items far
 * above random and popularity.
 */
public final class PlantedCommunities {
  private PlantedCommunities() {}

  /** {@code users} users; user {@code u} is in community {@code u % 2} and has {@code perUser} of its {@code items}. */
  public static Interactions of(String name, int users, int items, int perUser, long seed) {
    Random rng = new Random(seed);
    List<String> u = new ArrayList<>();
    List<String> i = new ArrayList<>();
    for (int user = 0; user < users; user++) {
      Set<Integer> chosen = new LinkedHashSet<>();
      while (chosen.size() < perUser) {
        chosen.add((user % 2) * items + rng.nextInt(items));
      }
      for (int it : chosen) {
        u.add("u" + user);
        i.add("i" + it);
      }
    }
    long[] t = new long[u.size()];
    for (int r = 0; r < t.length; r++) {
      t[r] = r;
    }
    String[] b = new String[u.size()];
    Arrays.fill(b, "pv");
    return Interactions.of(name, u.toArray(String[]::new), i.toArray(String[]::new), t, b);
  }

  /** 60 users, 20 items per community, 8 interactions each. */
  public static Interactions communities(long seed) {
    return of("communities", 60, 20, 8, seed);
  }
}
