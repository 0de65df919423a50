# nbconvert configuration for the course decks (used by environment/slides:
# jupyter nbconvert --to slides --config slides/nbconvert_config.py).
# Every URL is relative to the deck: environment/slides copies the libraries into assets/ beside it.
import os

from nbconvert.preprocessors import Preprocessor

c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)


class CellNumbers(Preprocessor):
    """Gives every cell the id "cell-N" (N counted from 1 in the notebook), which the deck renders as
    the cell's HTML id: the browser check names the cell that makes a slide too tall."""

    def preprocess(self, nb, resources):
        for i, cell in enumerate(nb.cells):
            cell.id = "cell-%d" % (i + 1)
        return nb, resources


c.SlidesExporter.preprocessors = [CellNumbers]
c.SlidesExporter.extra_template_basedirs = [os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")]
c.SlidesExporter.template_name = "dgm4j"
c.SlidesExporter.reveal_url_prefix = "assets/reveal.js"
c.SlidesExporter.reveal_theme = "white"
c.SlidesExporter.reveal_transition = "none"
c.SlidesExporter.reveal_number = "c/t"
c.SlidesExporter.reveal_width = "1280"
c.SlidesExporter.reveal_height = "720"
c.SlidesExporter.require_js_url = "assets/requirejs/require.js"
c.SlidesExporter.jquery_url = "assets/jquery/jquery.min.js"
c.SlidesExporter.mathjax_url = "assets/mathjax/MathJax.js?config=TeX-AMS_SVG-full"
c.SlidesExporter.exclude_input_prompt = True
c.SlidesExporter.exclude_output_prompt = True
