package siebench.notebook;

import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * Where a {@link ProgressDisplay} draws: a Jupyter kernel's display stream, reduced to the three things an
 * in-place display needs. Jupyter's messaging protocol shows a bundle with {@code display_data} carrying a
 * {@code transient.display_id}, and replaces it later with {@code update_display_data} for the same id.
 */
public interface DisplayTarget {
  /**
   * A token of the cell now executing (the kernel's execution count): when it changes, the next progress
   * update opens a new display in the new cell instead of updating one in an older cell.
   */
  long execution();

  /** Shows {@code bundle} as a new display whose id is {@code displayId}. */
  void show(String displayId, MimeBundle bundle);

  /** Replaces the content of the display {@code displayId} with {@code bundle}. */
  void update(String displayId, MimeBundle bundle);

  /** A target from its three operations (each kernel adapter supplies them from its own display stream). */
  public static DisplayTarget of(LongSupplier execution, BiConsumer<String, MimeBundle> show,
      BiConsumer<String, MimeBundle> update) {
    Objects.requireNonNull(execution, "execution");
    Objects.requireNonNull(show, "show");
    Objects.requireNonNull(update, "update");
    return new DisplayTarget() {
      @Override
      public long execution() {
        return execution.getAsLong();
      }

      @Override
      public void show(String displayId, MimeBundle bundle) {
        show.accept(displayId, bundle);
      }

      @Override
      public void update(String displayId, MimeBundle bundle) {
        update.accept(displayId, bundle);
      }
    };
  }
}
