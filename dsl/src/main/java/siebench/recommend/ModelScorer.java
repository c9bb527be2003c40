package siebench.recommend;

import java.util.List;
import siebench.data.Samples;
import siebench.data.implicit.ImplicitSamples;
import siebench.features.EncodedData;
import siebench.features.FeatureLayout;
import siebench.metrics.FullRanking;
import siebench.train.TrainedModel;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Scores every corpus item for a block of users with a pointwise model trained on {@link ImplicitSamples}
 * (GMF, NeuMF, MF, FM, ... over the two fields {@code user_id} and {@code item_id}), for {@link FullRanking}:
 * the users' and items' embedding rows are looked up once through the model's own feature encoder, then every
 * (user, item) pair of a block goes through the model's forward pass (the logit is the ranking score), or, for
 * GMF and NeuMF, through {@link siebench.model.NcfNetwork#scoreAll}, the same arithmetic factored into matrix
 * products, and for the two-tower model through {@link siebench.model.TwoTowerNetwork#scoreAll} (each tower once
 * per user and per item, then one matrix product).
 */
public final class ModelScorer implements FullRanking.Scorer {
  private final TrainedModel model;
  private final FeatureLayout layout;
  private final long[] userRow;
  private final long[] itemRow;
  private final int userField;

  /** A scorer over the log's id lists (user index {@code u} is {@code userIds.get(u)}, same for items). */
  public ModelScorer(TrainedModel model, List<String> userIds, List<String> itemIds) {
    this.model = model;
    this.layout = model.encoder().layout();
    if (layout.fields() != 2 || layout.dense() != 0 || layout.hasHistory()
        || !layout.fieldNames().contains(ImplicitSamples.USER) || !layout.fieldNames().contains(ImplicitSamples.ITEM)) {
      throw new IllegalArgumentException("full ranking needs a model over exactly the fields " + ImplicitSamples.USER
          + " and " + ImplicitSamples.ITEM + "; got " + layout);
    }
    this.userField = layout.fieldNames().indexOf(ImplicitSamples.USER);
    this.userRow = rows(userIds, itemIds.get(0), true);
    this.itemRow = rows(itemIds, userIds.get(0), false);
  }

  private long[] rows(List<String> ids, String other, boolean users) {
    int n = ids.size();
    StringColumn u = StringColumn.create(ImplicitSamples.USER);
    StringColumn i = StringColumn.create(ImplicitSamples.ITEM);
    for (String id : ids) {
      (users ? u : i).append(id);
      (users ? i : u).append(other);
    }
    Samples s = Samples.from(Table.create("ids", u, i, IntColumn.create(ImplicitSamples.LABEL, new int[n])))
        .label(ImplicitSamples.LABEL).categorical(ImplicitSamples.USER, ImplicitSamples.ITEM);
    EncodedData e = model.encoder().encode(s);
    int f = users ? userField : 1 - userField;
    long[] out = new long[n];
    for (int r = 0; r < n; r++) {
      out[r] = e.cat()[r * 2 + f];
    }
    return out;
  }

  @Override
  public float[] scores(int[] users) {
    if (model.block() instanceof siebench.model.NcfNetwork
        || model.block() instanceof siebench.model.TwoTowerNetwork) {
      long[] ur = new long[users.length];
      for (int j = 0; j < users.length; j++) {
        ur[j] = userRow[users[j]];
      }
      return model.block() instanceof siebench.model.NcfNetwork ncf ? ncf.scoreAll(ur, itemRow)
          : ((siebench.model.TwoTowerNetwork) model.block()).scoreAll(ur, itemRow);
    }
    return forwardScores(users);
  }

  /** Scores through the model's forward pass, pair by pair (any model over the user and item fields). */
  float[] forwardScores(int[] users) {
    int corpus = itemRow.length;
    int rows = users.length * corpus;
    long[] cat = new long[rows * 2];
    for (int j = 0; j < users.length; j++) {
      long ur = userRow[users[j]];
      for (int i = 0; i < corpus; i++) {
        int r = j * corpus + i;
        cat[r * 2 + userField] = ur;
        cat[r * 2 + 1 - userField] = itemRow[i];
      }
    }
    float[] ones = new float[rows];
    java.util.Arrays.fill(ones, 1f);
    EncodedData data = new EncodedData(layout, rows, cat, new float[0], new float[rows], ones, new long[rows]);
    double[] z = model.logits(data);
    float[] out = new float[rows];
    for (int r = 0; r < rows; r++) {
      out[r] = (float) z[r];
    }
    return out;
  }
}
