package siebench.model;

/**
 * A network whose logit is linear in its last layer over the representation it returns: {@code z = theta .
 * [h, 1]}, with {@code theta} the last layer's weights and the scalar parameter {@code bias}. The per-sample
 * gradient of the logistic loss with respect to that layer is then {@code (sigmoid(z) - y) [h, 1]} in closed
 * form, which is what the last-layer estimators (TracIn, influence functions, GraNd's last-layer form; Pruthi et
 * al. 2020, Koh and Liang 2017, Paul et al. 2021) read. Implemented by {@link NcfNetwork} (GMF / NeuMF: the output
 * layer {@code h} over {@code p_u * q_i}) and {@link TwoTowerNetwork} (the user tower's output layer).
 */
public interface LinearHead {
  /** Width of the representation {@code h} (the last layer has this many weights plus the bias). */
  long representationSize();
}
