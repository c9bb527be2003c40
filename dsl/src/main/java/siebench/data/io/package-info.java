/**
 * Loaders that turn data files into {@link siebench.data.Samples} with their schema roles set.
 *
 * <p>{@link siebench.data.io.Loaders} is the entry point: {@code csv}/{@code tsv} for any delimited file with a
 * header (configured by {@link siebench.data.io.CsvOptions}), and the standard layouts of Criteo, Avazu,
 * MovieLens, Taobao UserBehavior and the Open Bandit Dataset. Files are read by a streaming RFC 4180 tokenizer,
 * then every column is parsed with a declared or inferred {@link siebench.data.io.FieldType}.
 *
 * <p>Design choices:
 *
 * <ul>
 *   <li>Errors are {@link siebench.data.io.LoadException}s whose message starts {@code file:line:column (name):}
 *       and says what was expected. A row with the wrong number of fields, an unparsable value in a typed column,
 *       a label that is not 0/1 and a missing file are all errors; nothing is dropped silently.
 *   <li>The result of a load is a {@link siebench.data.io.Loaded} (samples plus {@link
 *       siebench.data.io.LoadReport}); the convenience methods that return samples directly write the report's
 *       one-line summary into the samples' origin instead of printing anything.
 *   <li>Missing values follow an explicit {@link siebench.data.io.MissingValues} policy (keep, fill, indicator,
 *       drop); their number per column is always in the report.
 *   <li>Every row gets {@code row_id} = its 0-based data-row index in the file, kept through drops and splits.
 * </ul>
 */
package siebench.data.io;
