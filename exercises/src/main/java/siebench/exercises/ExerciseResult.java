package siebench.exercises;

import java.util.List;
import java.util.Objects;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The outcome of one exercise check of {@link InterviewExercises}: whether the student's function passed and a
 * one-line message. When it passed, the message says what was checked; when not, it names the failing input,
 * the expected and the received value, and gives a hint.
 *
 * <p>{@link #toString()} is what a notebook prints: {@code ✓ Exercise N passed (message)} or
 * {@code ✗ Exercise N not yet: message}.
 *
 * @param exercise the exercise number (1 to 5)
 * @param title a short title of the exercise
 * @param passed whether every case matched the reference
 * @param message what was checked (passed) or what is wrong (not passed)
 */
public record ExerciseResult(int exercise, String title, boolean passed, String message) {
  /** Checks the fields: a positive exercise number, non-null title and message. */
  public ExerciseResult {
    if (exercise < 1) {
      throw new IllegalArgumentException("exercise number must be >= 1, got " + exercise);
    }
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(message, "message");
  }

  /** The score sheet: one row per result, {@code exercise}, {@code title} and {@code result} (passed / not yet). */
  public static Table table(List<ExerciseResult> results) {
    return Table.create("interview exercises",
        IntColumn.create("exercise", results.stream().mapToInt(ExerciseResult::exercise).toArray()),
        StringColumn.create("title", results.stream().map(ExerciseResult::title).toList()),
        StringColumn.create("result", results.stream().map(r -> r.passed() ? "passed" : "not yet").toList()));
  }

  static ExerciseResult pass(int exercise, String title, String message) {
    return new ExerciseResult(exercise, title, true, message);
  }

  static ExerciseResult fail(int exercise, String title, String message) {
    return new ExerciseResult(exercise, title, false, message);
  }

  /** {@code ✓ Exercise N passed (message)} or {@code ✗ Exercise N not yet: message}. */
  @Override
  public String toString() {
    return passed
        ? "\u2713 Exercise " + exercise + " passed (" + message + ")"
        : "\u2717 Exercise " + exercise + " not yet: " + message;
  }
}
