/**
 * The data layer: {@link siebench.data.Samples} (a Tablesaw table with a {@link siebench.data.Schema} of column
 * roles and stable row ids), splits, and the readers ({@code data.io}), generators ({@code data.synthetic}),
 * corruptions ({@code data.noise}) and implicit-feedback logs ({@code data.implicit}) that make samples. It
 * imports only {@code siebench.core}; every layer above may use it.
 *
 * <p><b>Why {@code Samples} keeps its verbs.</b> The fluent shape {@code
 * Samples.from(clicks).weightBy(gradientNorm()).train(ctr())} reads as the pipeline does, so the verbs stay on
 * the data type. They take interfaces this package owns, which the upper layers implement:
 * <ul>
 *   <li>{@link siebench.data.RowImportance}: per-row scores that can clean, prune and weight samples
 *       (implemented by {@code importance.Importance});
 *   <li>{@link siebench.data.RowScorer}: something that scores every row (extended by {@code
 *       importance.ImportanceEstimator});
 *   <li>{@link siebench.data.Learner}: something that fits on samples (implemented by {@code train.CtrTask}).
 * </ul>
 * The other choice, a pure data type here and a fluent facade on the top floor, would give users two types
 * for one thing and every estimator signature a second name. With the interfaces, the verbs keep their names
 * and the data layer compiles without training or estimation; the layering test ({@code LayeringTest}) checks
 * it.
 */
package siebench.data;
