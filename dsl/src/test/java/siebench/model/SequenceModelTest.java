package siebench.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import siebench.core.Progress;
import siebench.data.Samples;
import siebench.data.Split;
import siebench.data.synthetic.BehaviorSequences;
import siebench.features.EncodedData;
import siebench.features.FeatureEncoder;
import siebench.train.CtrTask;
import siebench.train.TrainResult;
import siebench.train.TrainedModel;

/** DIN and BST: padding is masked out, and they beat DeepFM where clicks depend on the recent history. */
class SequenceModelTest {
  private static float[] logits(SequenceSpec spec, EncodedData d, boolean perturbPadding) {
    Engine.getInstance().setRandomSeed(5);
    try (NDManager m = NDManager.newBaseManager()) {
      SequenceNetwork net = spec.build(d.layout());
      net.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new ai.djl.ndarray.types.Shape(1, 1));
      if (perturbPadding) {
        NDArray table = net.getParameters().get("embedding").getArray();
        table.set(new NDIndex(d.layout().paddingRow()), m.randomNormal(new ai.djl.ndarray.types.Shape(
            table.getShape().get(1))).mul(100));
      }
      NDList in = TrainedModel.inputs(m, d, 0, d.rows());
      return net.forward(new ParameterStore(m, false), in, false).get(0).toFloatArray();
    }
  }

  @Test
  void paddedHistoryPositionsDoNotChangeTheOutput() {
    Samples s = BehaviorSequences.defaults().rows(300).users(20).seed(3).generate();
    EncodedData d = FeatureEncoder.fit(s).encode(s);
    long padded = java.util.Arrays.stream(d.history()).filter(v -> v == d.layout().paddingRow()).count();
    assertTrue(padded > 0, "some histories are short and padded");
    for (SequenceSpec spec : new SequenceSpec[] {Models.din().hidden(8), Models.bst().hidden(8)}) {
      assertArrayEquals(logits(spec, d, false), logits(spec, d, true), 1e-5f, spec.name());
    }
  }

  @Test
  void sequenceModelsBeatDeepFmWhenClicksDependOnHistory() {
    Samples s = BehaviorSequences.defaults().rows(40_000).users(1000).items(500).seed(11).generate();
    Split split = s.split(0.8, 4);
    CtrTask base = CtrTask.ctr().epochs(4).batchSize(1024).learningRate(1e-2).earlyStopping(0)
        .testOn(split.test()).progress(Progress.silent());
    TrainResult deepFm = split.train().train(base.model(Models.deepFm().embeddingDim(8).hidden(64, 32)));
    TrainResult din = split.train().train(base.model(Models.din().embeddingDim(8).hidden(64, 32)));
    TrainResult bst = split.train().train(base.model(Models.bst().embeddingDim(8).hidden(64, 32)));
    System.out.printf("AUC deepfm %.4f din %.4f bst %.4f%n", deepFm.auc(), din.auc(), bst.auc());
    assertTrue(Math.max(din.auc(), bst.auc()) > deepFm.auc() + 0.02,
        "din " + din.auc() + " bst " + bst.auc() + " deepfm " + deepFm.auc());
  }
}
