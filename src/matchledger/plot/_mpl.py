"""matplotlib, imported only when a picture is drawn, on the non-interactive Agg canvas."""

from __future__ import annotations

from typing import TYPE_CHECKING

from matchledger.errors import MissingExtraError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["figure", "missing", "require"]


def missing() -> MissingExtraError:
    """The error for a missing matplotlib: it names the extra that installs it."""
    return MissingExtraError("matchledger.plot", "plot", "matplotlib")


def require() -> None:
    """Check that matplotlib can be imported.

    Raises:
        MissingExtraError: when it cannot (an ``ImportError``), naming the extra.
    """
    try:
        import matplotlib as mpl  # noqa: F401, PLC0415 - optional
    except ImportError as exc:
        raise missing() from exc


def figure(
    ax: Axes | None, size: tuple[float, float], *, constrained: bool = True
) -> tuple[Figure, Axes]:
    """A new figure of ``size`` inches on an Agg canvas with one axes, or ``ax``'s own.

    ``constrained=False`` leaves the layout to the caller (``subplots_adjust``).

    No pyplot: the figure belongs to no window and no global state, and draws without
    a display.

    Raises:
        MissingExtraError: when matplotlib is not installed (an ``ImportError``).
    """
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: PLC0415 - optional
        from matplotlib.figure import Figure  # noqa: PLC0415 - optional
    except ImportError as exc:
        raise missing() from exc
    if ax is not None:
        root = ax.figure
        # an axes in a subfigure: the picture is the figure the subfigure is part of
        return (root if isinstance(root, Figure) else root.figure), ax
    fig = Figure(figsize=size, layout="constrained" if constrained else None)
    FigureCanvasAgg(fig)
    return fig, fig.add_subplot()
