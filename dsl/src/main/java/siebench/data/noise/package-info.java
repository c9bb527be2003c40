/**
 * Label-noise and logging defects of e-commerce click logs, injected into clean {@link siebench.data.Samples}
 * with exact ground truth, so that importance estimators can be scored on how well they find them.
 *
 * <p>{@link siebench.data.noise.Noise} is the entry point: {@code Noise.fakeClicks(0.1)}, {@code
 * flippedLabels}, {@code clickFraud} (feature-dependent: bots on a few items, hours or devices), {@code
 * accidentalClicks} (position-dependent false positives) and {@code duplicatedSessions} (double logging), or
 * {@code Noise.named("click-fraud", 0.1)}. Every injection is seeded and writes the ground-truth columns
 * {@code truth_corrupted} and {@code truth_corruption} ({@link Corruption#TRUTH_CORRUPTED} and {@link
 * Corruption#TRUTH_CORRUPTION}, the same columns the generator writes), combined with the flags of earlier
 * injections.
 */
package siebench.data.noise;
