/**
 * Training: the {@link org.dgm4j.train.TrainingLoop} (Adam, seeded and leak-free) extended by
 * {@link org.dgm4j.train.TrainingListener}s (progress, gradient clipping, learning-rate schedule, NaN/Inf
 * guard, weight EMA, checkpointing, {@link org.dgm4j.train.EveryEpochs}), the fluent
 * {@link org.dgm4j.train.Fit} front that builds it, its per-epoch {@link org.dgm4j.train.History}, and the
 * {@link org.dgm4j.train.Checkpoints} cache that reloads a trained model instead of retraining it.
 *
 * <pre>{@code
 * Vae vae = Vae.mlp(20);
 * History h = Fit.of(vae, new VaeObjective(vae)).train(train).validation(test)
 *         .epochs(10).batchSize(128).learningRate(1e-3).seed(1).cache("vae-mlp-z20").run();
 * Notebook.show(LinePlot.lossCurves(h.table(), "epoch").render());
 * }</pre>
 *
 * Environment: {@code DGM4J_CHECKPOINTS} (checkpoint folder), {@code DGM4J_RETRAIN=1} (ignore the
 * cache and retrain).
 */
package org.dgm4j.train;
