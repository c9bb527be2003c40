/**
 * Training-dynamics importance estimators: scores computed from how a CTR model treats each training row
 * while it trains. Entry point: {@link siebench.importance.catalog.Estimators}.
 *
 * <ul>
 *   <li>{@link siebench.importance.dynamics.GraNd} and {@link siebench.importance.dynamics.El2n} (Paul et al.
 *       2021), {@link siebench.importance.dynamics.TrainingLoss}: expected gradient norm, error norm, loss.
 *   <li>{@link siebench.importance.dynamics.ForgettingEvents} (Toneva et al. 2019).
 *   <li>{@link siebench.importance.dynamics.AreaUnderMargin} (Pleiss et al. 2020), with threshold samples in
 *       {@link siebench.importance.dynamics.AumResult}.
 *   <li>{@link siebench.importance.dynamics.DataMaps} (Swayamdipta et al. 2020) giving a
 *       {@link siebench.importance.dynamics.DataMap}.
 *   <li>{@link siebench.importance.dynamics.AdaptiveDenoising} and its training-time loss
 *       {@link siebench.importance.dynamics.DenoisingLoss} (Wang et al. 2021).
 * </ul>
 *
 * <p>All train through {@link siebench.importance.dynamics.TrainingDynamics} with the settings of
 * {@link siebench.importance.dynamics.DynamicsSettings} (epochs, seeds, checkpoints, model overrides), are
 * deterministic for a given context seed on CPU, report progress per epoch and seed, honour cancellation and
 * record their cost.
 */
package siebench.importance.dynamics;
