"""matplotlib, imported only when a picture is drawn, on the non-interactive Agg canvas."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["MISSING", "figure"]

MISSING = (
    "matchledger.plot needs matplotlib, which is not installed; "
    "install the extra: pip install 'matchledger[plot]'"
)


def figure(
    ax: Axes | None, size: tuple[float, float], *, constrained: bool = True
) -> tuple[Figure, Axes]:
    """A new figure of ``size`` inches on an Agg canvas with one axes, or ``ax``'s own.

    ``constrained=False`` leaves the layout to the caller (``subplots_adjust``).

    No pyplot: the figure belongs to no window and no global state, and draws without
    a display.

    Raises:
        ImportError: when matplotlib is not installed, naming the extra to install.
    """
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: PLC0415 - optional
        from matplotlib.figure import Figure  # noqa: PLC0415 - optional
    except ImportError as exc:
        raise ImportError(MISSING, name="matplotlib") from exc
    if ax is not None:
        root = ax.figure
        # an axes in a subfigure: the picture is the figure the subfigure is part of
        return (root if isinstance(root, Figure) else root.figure), ax
    fig = Figure(figsize=size, layout="constrained" if constrained else None)
    FigureCanvasAgg(fig)
    return fig, fig.add_subplot()
