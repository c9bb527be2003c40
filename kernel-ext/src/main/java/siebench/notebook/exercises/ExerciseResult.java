package siebench.notebook.exercises;

import java.util.Objects;

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
