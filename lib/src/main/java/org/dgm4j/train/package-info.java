/**
 * Training: the {@link org.dgm4j.train.Fit} loop (Adam, learning-rate schedules, gradient clipping,
 * an after-step hook, NaN/Inf guard, seeded and leak-free), its per-epoch
 * {@link org.dgm4j.train.History}, progress in a terminal, a log or a notebook, and the
 * {@link org.dgm4j.train.Checkpoints} cache that reloads a trained model instead of retraining it.
 *
 * <pre>{@code
 * Vae vae = Vae.mlp(20);
 * History h = Fit.of(vae, new VaeObjective(vae)).train(train).validation(test)
 *         .epochs(10).batchSize(128).learningRate(1e-3).seed(1).cache("vae-mlp-z20").run();
 * Notebook.show(h.plot());
 * }</pre>
 *
 * Environment: {@code DGM4J_CHECKPOINTS} (checkpoint folder), {@code DGM4J_RETRAIN=1} (ignore the
 * cache and retrain).
 */
package org.dgm4j.train;
