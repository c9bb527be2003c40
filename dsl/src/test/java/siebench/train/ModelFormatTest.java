package siebench.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import siebench.data.Samples;
import siebench.data.synthetic.BehaviorSequences;
import siebench.data.synthetic.Synthetic;
import siebench.features.EncoderOptions;
import siebench.features.NumericTransform;
import siebench.model.ModelSpec;
import siebench.model.Models;

/** Saved models reload with the same encoder, spec and parameters: identical logits on the same rows. */
class ModelFormatTest {
  @TempDir
  Path tmp;

  private static Samples ecommerce() {
    return Synthetic.ecommerce().rows(6000).seed(3).generate().samples();
  }

  private void assertRoundTrip(Samples s, ModelSpec spec, EncoderOptions options) {
    TrainResult r = s.train(CtrTask.ctr().model(spec).epochs(1).batchSize(512).learningRate(1e-2).seed(5)
        .earlyStopping(0).encoder(options));
    Path dir = tmp.resolve(spec.name());
    r.model().save(dir);
    try (TrainedModel back = TrainedModel.load(dir)) {
      Samples test = r.testSamples();
      double[] want = r.model().logits(test);
      double[] got = back.logits(test);
      assertArrayEquals(want, got, 0.0, spec.name() + ": logits of the reloaded model differ");
      assertEquals(r.model().encoder().layout(), back.encoder().layout());
      assertEquals(spec.toString(), back.spec().toString());
      // the trained model differs from a fresh one, so equality above is not the trivial one
      try (TrainedModel fresh = TrainingLoop.initialModel(r.task(), r.model().encoder(),
          r.model().encoder().encode(test))) {
        double[] init = fresh.logits(test);
        double maxDiff = 0;
        for (int i = 0; i < init.length; i++) {
          maxDiff = Math.max(maxDiff, Math.abs(init[i] - want[i]));
        }
        assertTrue(maxDiff > 1e-3, "training moved the logits by only " + maxDiff);
      }
    }
    r.model().close();
  }

  @Test
  void logisticRegressionRoundTrip() {
    assertRoundTrip(ecommerce(), Models.logisticRegression(), EncoderOptions.defaults().minCount(2));
  }

  @Test
  void deepFmRoundTripWithLogTransformAndBuckets() {
    assertRoundTrip(ecommerce(), Models.deepFm().embeddingDim(8).hidden(32, 16),
        EncoderOptions.defaults().numeric(NumericTransform.LOG));
    assertRoundTrip(ecommerce(), Models.dcnV2().embeddingDim(4).hidden(8).crossLayers(1),
        EncoderOptions.defaults().numeric(NumericTransform.BUCKETIZE).buckets(5));
  }

  @Test
  void hashedEncoderRoundTrip() {
    assertRoundTrip(ecommerce(), Models.fm().embeddingDim(4), EncoderOptions.defaults().hashing(97));
  }

  @Test
  void sequenceModelRoundTrip() {
    Samples s = BehaviorSequences.defaults().rows(4000).generate();
    assertRoundTrip(s, Models.bst().embeddingDim(8).hidden(16), EncoderOptions.defaults().historyLength(5));
    assertRoundTrip(s, Models.din().embeddingDim(8).hidden(16), EncoderOptions.defaults().historyLength(5));
  }

  private Path saved() {
    Samples s = ecommerce();
    TrainResult r = s.train(CtrTask.ctr().model(Models.logisticRegression()).epochs(1).earlyStopping(0));
    Path dir = tmp.resolve("lr");
    r.model().save(dir);
    r.model().close();
    return dir;
  }

  private static void replaceLine(Path file, String from, String to) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    assertTrue(text.contains(from), file + " lacks " + from);
    Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
  }

  @Test
  void otherManifestVersionIsRefusedNamingFileAndVersions() throws IOException {
    Path dir = saved();
    replaceLine(dir.resolve(ModelFormat.MANIFEST), "version=1", "version=2");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainedModel.load(dir));
    assertTrue(e.getMessage().contains(ModelFormat.MANIFEST) && e.getMessage().contains("version 2")
        && e.getMessage().contains("expected 1"), e.getMessage());
  }

  @Test
  void otherEncoderVersionIsRefusedNamingFileAndVersions() throws IOException {
    Path dir = saved();
    replaceLine(dir.resolve(ModelFormat.ENCODER), "siebench-encoder\t1\n", "siebench-encoder\t7\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainedModel.load(dir));
    assertTrue(e.getMessage().contains(ModelFormat.ENCODER) && e.getMessage().contains("version 7")
        && e.getMessage().contains("expected 1"), e.getMessage());
  }

  @Test
  void missingFilesAreNamed() throws IOException {
    for (String f : new String[] {ModelFormat.MANIFEST, ModelFormat.ENCODER, ModelFormat.PARAMETERS}) {
      Path dir = saved();
      Files.delete(dir.resolve(f));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainedModel.load(dir));
      assertTrue(e.getMessage().contains("missing") && e.getMessage().contains(f), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> TrainedModel.load(tmp.resolve("nowhere")));
  }

  @Test
  void unknownModelNameIsRefused() throws IOException {
    Path dir = saved();
    replaceLine(dir.resolve(ModelFormat.MANIFEST), "model=lr", "model=gbdt");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainedModel.load(dir));
    assertTrue(e.getMessage().contains("gbdt") && e.getMessage().contains("deepfm"), e.getMessage());
  }

  @Test
  void encoderThatDoesNotMatchTheParametersIsRefused() throws IOException {
    Path dir = saved();
    Path enc = dir.resolve(ModelFormat.ENCODER);
    String text = Files.readString(enc, StandardCharsets.UTF_8);
    int last = text.lastIndexOf("\nvocab\t");
    Files.writeString(enc, text.substring(0, last + 1), StandardCharsets.UTF_8); // drop one vocabulary entry
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainedModel.load(dir));
    assertTrue(e.getMessage().contains(ModelFormat.MANIFEST), e.getMessage());
  }
}
