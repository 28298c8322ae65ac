"""Drawing maps: Graphviz DOT and SVG, and one offline interactive HTML page."""
