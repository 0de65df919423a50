/**
 * Showing results in a Jupyter notebook from library code. {@link org.dgm4j.notebook.Notebook} finds
 * the IJava 1.3.0 or JJava kernel the code runs in (by reflection: no compile-time dependency on
 * either), sends images as PNG, Tablesaw tables as HTML ({@link org.dgm4j.notebook.TableHtml}) and
 * text, and replaces an output in place through a {@link org.dgm4j.notebook.DisplayHandle}; outside a
 * kernel it prints to the console ({@link org.dgm4j.notebook.ConsoleDisplay}).
 *
 * <pre>{@code
 * Notebook.show(table);                            // HTML in a notebook, text in a log
 * DisplayHandle bar = Notebook.live("epoch 1/10"); // updated in place in a notebook
 * bar.update("epoch 2/10");
 * }</pre>
 */
package org.dgm4j.notebook;
