/**
 * Interview questions on sample importance turned into self-checking exercises for the notebooks
 * ({@code notebooks/06-interview-exercises.ipynb}). {@link siebench.exercises.InterviewExercises} holds
 * one check per exercise: it takes the student's function, compares it with an independent reference on
 * seeded random and edge-case inputs, and returns an {@link siebench.exercises.ExerciseResult} that
 * prints {@code ✓ Exercise N passed (...)} or {@code ✗ Exercise N not yet: <what is wrong>}. Checks never
 * throw, so a wrong answer does not fail the notebook; it says which input, the expected and the received
 * value, and a hint. No Jupyter dependency.
 */
package siebench.exercises;
