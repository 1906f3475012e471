"""Retries with backoff and a circuit breaker for calls to external tools and file I/O.

Only *transient* failures are retried (a busy file, a plugin that was slow to start, a
dropped connection); a schema error or a missing binary fails at once. A
:class:`CircuitBreaker` per tool counts consecutive failures; once it opens, calls fail
fast with a clear message until a cool-down has passed, then one trial call is let
through (half-open) and its outcome closes or re-opens the breaker.

Sleeping and time are injectable, so tests never really wait.
"""

from __future__ import annotations

import errno
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TypeVar

from plating.errors import ExternalToolError, PlatingError

T = TypeVar("T")

#: ``errno`` values of file and process errors that are worth another try.
TRANSIENT_ERRNOS = frozenset(
    {
        errno.EAGAIN,
        errno.EBUSY,
        errno.EINTR,
        errno.ETXTBSY,  # exec of a launcher that is still being written
        errno.ESTALE,  # NFS
        errno.ETIMEDOUT,
        errno.ECONNRESET,
        errno.ECONNREFUSED,
        errno.EMFILE,
        errno.ENFILE,
    }
)


class BackoffStrategy(Enum):
    """How the wait between attempts grows."""

    FIXED = "fixed"
    LINEAR = "linear"
    EXPONENTIAL = "exponential"


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently a transient failure is retried.

    ``delay(n)`` is the wait after the ``n``-th failed attempt (1-based): ``base_delay``
    for FIXED, ``base_delay * n`` for LINEAR, ``base_delay * 2 ** (n - 1)`` for
    EXPONENTIAL; never more than ``max_delay``.
    """

    max_attempts: int = 3
    backoff: BackoffStrategy = BackoffStrategy.EXPONENTIAL
    base_delay: float = 0.5
    max_delay: float = 10.0

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError(f"RetryPolicy.max_attempts must be >= 1, not {self.max_attempts}")
        if self.base_delay < 0 or self.max_delay < 0:
            raise ValueError("RetryPolicy delays must not be negative")
        if self.max_delay < self.base_delay:
            raise ValueError(
                f"RetryPolicy.max_delay ({self.max_delay}) is below base_delay ({self.base_delay})"
            )

    def delay(self, attempt: int) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (1-based)."""
        if self.backoff is BackoffStrategy.FIXED:
            raw = self.base_delay
        elif self.backoff is BackoffStrategy.LINEAR:
            raw = self.base_delay * attempt
        else:
            raw = self.base_delay * 2 ** (attempt - 1)
        return min(raw, self.max_delay)

    def delays(self) -> list[float]:
        """Every wait this policy can make, in order (one fewer than the attempts)."""
        return [self.delay(n) for n in range(1, self.max_attempts)]

    def call(
        self,
        fn: Callable[[], T],
        *,
        what: str,
        is_transient: Callable[[BaseException], bool] | None = None,
        breaker: CircuitBreaker | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> T:
        """Run ``fn``, retrying transient failures; ``what`` names the call in messages.

        With a ``breaker``, an open circuit fails fast (:class:`CircuitOpenError`) and every
        outcome is recorded. A non-transient error is re-raised at once; after the last
        attempt the last transient error is re-raised with the attempt count added.
        """
        transient = is_transient or is_transient_error
        attempt = 0
        while True:
            attempt += 1
            if breaker is not None:
                breaker.before_call()
            try:
                result = fn()
            except Exception as exc:
                if breaker is not None:
                    breaker.record_failure(exc)
                if not transient(exc):
                    raise
                if attempt >= self.max_attempts:
                    raise _gave_up(exc, what, attempt) from exc
                sleep(self.delay(attempt))
                continue
            if breaker is not None:
                breaker.record_success()
            return result


def _gave_up(exc: Exception, what: str, attempts: int) -> PlatingError:
    detail = str(exc) or type(exc).__name__
    return ExternalToolError(
        f"{what} failed {attempts} times in a row (transient errors); last error: {detail}",
        transient=False,  # already retried: an outer retry must not multiply the attempts
    )


def is_transient_error(exc: BaseException) -> bool:
    """Whether ``exc`` (or the OS error that caused it) is worth another attempt."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, CircuitOpenError):
            return False
        if isinstance(current, ExternalToolError):
            return current.transient
        if isinstance(current, TimeoutError):
            return True
        if isinstance(current, OSError):
            return current.errno in TRANSIENT_ERRNOS
        current = current.__cause__
    return False


class CircuitState(Enum):
    """The three states of a :class:`CircuitBreaker`."""

    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half-open"


class CircuitOpenError(ExternalToolError):
    """A call refused because its tool failed too often recently (never retried)."""


class CircuitBreaker:
    """Stops calling a tool after ``failure_threshold`` consecutive failures.

    While open, :meth:`before_call` raises :class:`CircuitOpenError` at once. After
    ``cooldown`` seconds (measured by ``clock``) the breaker is half-open: the next call
    goes through; success closes it, failure opens it for another cool-down.
    """

    def __init__(
        self,
        name: str,
        *,
        failure_threshold: int = 5,
        cooldown: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if failure_threshold < 1:
            raise ValueError(f"failure_threshold must be >= 1, not {failure_threshold}")
        self.name = name
        self.failure_threshold = failure_threshold
        self.cooldown = cooldown
        self._clock = clock
        self._lock = threading.Lock()
        self._failures = 0
        self._opened_at: float | None = None
        self._last_error = ""

    @property
    def failures(self) -> int:
        """Consecutive failures counted so far."""
        return self._failures

    @property
    def state(self) -> CircuitState:
        """The current state (OPEN turns HALF_OPEN once the cool-down has passed)."""
        with self._lock:
            return self._state()

    def _state(self) -> CircuitState:
        if self._opened_at is None:
            return CircuitState.CLOSED
        if self._clock() - self._opened_at >= self.cooldown:
            return CircuitState.HALF_OPEN
        return CircuitState.OPEN

    def before_call(self) -> None:
        """Raise :class:`CircuitOpenError` when the circuit is open."""
        with self._lock:
            if self._state() is not CircuitState.OPEN:
                return
            assert self._opened_at is not None
            remaining = self.cooldown - (self._clock() - self._opened_at)
            raise CircuitOpenError(
                f"{self.name}: not called again for {remaining:.1f}s after "
                f"{self._failures} consecutive failures (circuit breaker open); "
                f"last error: {self._last_error}. Fix the cause (see the error) and run again "
                "once the cool-down has passed"
            )

    def record_success(self) -> None:
        """A call succeeded: close the circuit and forget past failures."""
        with self._lock:
            self._failures = 0
            self._opened_at = None
            self._last_error = ""

    def record_failure(self, exc: BaseException | None = None) -> None:
        """A call failed: count it, and open (or re-open) the circuit when due."""
        with self._lock:
            half_open = self._state() is CircuitState.HALF_OPEN
            self._failures += 1
            if exc is not None:
                self._last_error = (str(exc) or type(exc).__name__).splitlines()[0]
            if half_open or self._failures >= self.failure_threshold:
                self._opened_at = self._clock()

    def call(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` through the breaker (no retries)."""
        self.before_call()
        try:
            result = fn()
        except Exception as exc:
            self.record_failure(exc)
            raise
        self.record_success()
        return result


_BREAKERS: dict[str, CircuitBreaker] = {}
_BREAKERS_LOCK = threading.Lock()


def breaker_for(name: str, *, failure_threshold: int = 5, cooldown: float = 30.0) -> CircuitBreaker:
    """The process-wide breaker of one tool (created on first use)."""
    with _BREAKERS_LOCK:
        breaker = _BREAKERS.get(name)
        if breaker is None:
            breaker = CircuitBreaker(name, failure_threshold=failure_threshold, cooldown=cooldown)
            _BREAKERS[name] = breaker
        return breaker
