/**
 * Two-dimensional views of latent means: t-SNE on a seeded subsample ({@link org.dgm4j.embed.Tsne})
 * and PCA ({@link org.dgm4j.embed.Pca}), both from Smile 3.1.1. The returned
 * {@link org.dgm4j.embed.Embedding} remembers which points it kept, to colour them by label.
 *
 * <pre>{@code
 * Embedding e = Tsne.withDefaults().embed(means, 42);
 * Notebook.show(ScatterPlot.byClass("t-SNE of latent means", e.coordinates(), e.labels(labels)).render());
 * }</pre>
 */
package org.dgm4j.embed;
