/**
 * Post-click conversion rate (CVR) under sample selection bias: conversions are observed only after clicks,
 * but the CVR model is used on every impression.
 *
 * <ul>
 *   <li>{@link siebench.cvr.MultiTaskNetwork}: shared embeddings, a CTR tower and a CVR tower, {@code pCTCVR =
 *       pCTR * pCVR} (ESMM, Ma et al. 2018, "Entire Space Multi-Task Model: An Effective Approach for Estimating
 *       Post-Click Conversion Rate", SIGIR), and the imputation tower of Multi-DR.
 *   <li>{@link siebench.cvr.CvrObjective}, from {@link siebench.cvr.CvrObjectives}: naive (clicked rows only),
 *       ESMM, Multi-IPS and Multi-DR (Zhang et al. 2020, "Large-scale Causal Approaches to Debiasing Post-click
 *       Conversion Rate Estimation with Multi-task Learning", WWW); with {@code knownPropensities()} the
 *       inverse-propensity objectives use the true click probabilities (simulation only, a diagnostic).
 *   <li>{@link siebench.cvr.CvrTask} (immutable builder) trains one model with one objective; {@link
 *       siebench.cvr.CvrModel} predicts pCTR, pCVR and pCTCVR.
 *   <li>{@link siebench.cvr.CvrEvaluation}: CVR metrics on clicked impressions, CTCVR on all impressions and, on
 *       simulated data, against the true CVR of every impression (entire-space AUC, LogLoss and the bias of the
 *       mean pCVR).
 *   <li>{@link siebench.cvr.CvrComparison}: every objective on the same splits and seeds, with 95% CIs and
 *       paired differences to the naive baseline ({@code siebench cvr} on the command line).
 * </ul>
 *
 * <p>A package of its own rather than more classes in {@code siebench.model} and {@code siebench.train}: the
 * CTR loop, {@code CtrTask} and {@code TrainedModel} are built around one label and one logit, while conversion
 * modelling needs two labels per impression, three heads and objectives that mix them; the only pieces shared
 * with the CTR code are the {@link siebench.features.FeatureEncoder}, the logit cross-entropy of {@link
 * siebench.train.Losses} and the devices, which are used, not changed.
 */
package siebench.cvr;
