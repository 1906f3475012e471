"""RetryPolicy and CircuitBreaker: counted attempts, computed delays, injected time."""

from __future__ import annotations

import errno
from collections.abc import Callable

import pytest

from plating.errors import ExternalToolError, SchemaError
from plating.resilience import (
    BackoffStrategy,
    CircuitBreaker,
    CircuitOpenError,
    CircuitState,
    RetryPolicy,
    is_transient_error,
)


class Flaky:
    """A call that fails ``failures`` times with ``error()``, then returns ``"ok"``."""

    def __init__(self, failures: int, error: Callable[[], Exception]) -> None:
        self.failures = failures
        self.error = error
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        if self.calls <= self.failures:
            raise self.error()
        return "ok"


def transient() -> Exception:
    return ExternalToolError("connection reset by peer", transient=True)


def state(breaker: CircuitBreaker) -> CircuitState:
    """The breaker's state, read afresh (it changes with the injected clock)."""
    return breaker.state


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_default_policy_matches_the_issue() -> None:
    policy = RetryPolicy()
    assert policy == RetryPolicy(
        max_attempts=3, backoff=BackoffStrategy.EXPONENTIAL, base_delay=0.5, max_delay=10.0
    )
    assert policy.delays() == [0.5, 1.0]


@pytest.mark.parametrize(
    ("backoff", "expected"),
    [
        (BackoffStrategy.EXPONENTIAL, [0.5, 1.0, 2.0, 4.0, 8.0, 10.0, 10.0]),
        (BackoffStrategy.LINEAR, [0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5]),
        (BackoffStrategy.FIXED, [0.5] * 7),
    ],
)
def test_backoff_delays_are_computed_and_capped(
    backoff: BackoffStrategy, expected: list[float]
) -> None:
    assert RetryPolicy(max_attempts=8, backoff=backoff).delays() == expected


def test_transient_failures_are_retried_with_the_computed_sleeps() -> None:
    slept: list[float] = []
    flaky = Flaky(2, transient)
    assert RetryPolicy().call(flaky, what="tool", sleep=slept.append) == "ok"
    assert flaky.calls == 3
    assert slept == [0.5, 1.0]


def test_gives_up_after_max_attempts_with_a_message_naming_the_call() -> None:
    slept: list[float] = []
    flaky = Flaky(10, transient)
    policy = RetryPolicy(max_attempts=4, base_delay=1.0, max_delay=3.0)
    with pytest.raises(ExternalToolError, match=r"terraform init failed 4 times.*connection reset"):
        policy.call(flaky, what="terraform init", sleep=slept.append)
    assert flaky.calls == 4
    assert slept == [1.0, 2.0, 3.0]


@pytest.mark.parametrize(
    "error",
    [
        lambda: SchemaError("schema.json:3:1: not valid JSON"),
        lambda: ExternalToolError("provider not found", transient=False),
        lambda: FileNotFoundError(errno.ENOENT, "No such file"),
        lambda: ValueError("bug"),
    ],
)
def test_permanent_failures_are_not_retried(error: Callable[[], Exception]) -> None:
    slept: list[float] = []
    flaky = Flaky(1, error)
    with pytest.raises(type(error())):
        RetryPolicy().call(flaky, what="x", sleep=slept.append)
    assert flaky.calls == 1
    assert slept == []


def test_transient_os_errors_are_recognised_through_the_cause_chain() -> None:
    busy = OSError(errno.EBUSY, "Device or resource busy")
    wrapped = SchemaError("schema.json: cannot read")
    wrapped.__cause__ = busy
    assert is_transient_error(busy)
    assert is_transient_error(wrapped)
    assert is_transient_error(TimeoutError())
    assert not is_transient_error(OSError(errno.EACCES, "Permission denied"))
    assert not is_transient_error(CircuitOpenError("open", transient=True))


@pytest.mark.parametrize(
    "kwargs",
    [{"max_attempts": 0}, {"base_delay": -1.0}, {"base_delay": 5.0, "max_delay": 1.0}],
)
def test_nonsense_policies_are_refused(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="RetryPolicy"):
        RetryPolicy(**kwargs)  # type: ignore[arg-type]


def test_breaker_opens_after_threshold_and_fails_fast_while_open() -> None:
    clock = Clock()
    breaker = CircuitBreaker("terraform", failure_threshold=3, cooldown=30.0, clock=clock)
    failing = Flaky(100, transient)
    for _ in range(3):
        with pytest.raises(ExternalToolError):
            breaker.call(failing)
    assert state(breaker) is CircuitState.OPEN
    assert failing.calls == 3
    clock.now += 10
    with pytest.raises(
        CircuitOpenError, match=r"terraform: not called again for 20\.0s.*3 consecutive"
    ):
        breaker.call(failing)
    assert failing.calls == 3  # the tool was not called


def test_breaker_half_opens_after_cooldown_and_closes_on_success() -> None:
    clock = Clock()
    breaker = CircuitBreaker("tofu", failure_threshold=2, cooldown=5.0, clock=clock)
    flaky = Flaky(2, transient)
    for _ in range(2):
        with pytest.raises(ExternalToolError):
            breaker.call(flaky)
    assert state(breaker) is CircuitState.OPEN
    clock.now += 5.0
    assert state(breaker) is CircuitState.HALF_OPEN
    assert breaker.call(flaky) == "ok"
    assert state(breaker) is CircuitState.CLOSED
    assert breaker.failures == 0


def test_a_failed_trial_call_reopens_the_breaker_for_a_new_cooldown() -> None:
    clock = Clock()
    breaker = CircuitBreaker("tofu", failure_threshold=2, cooldown=5.0, clock=clock)
    failing = Flaky(100, transient)
    for _ in range(2):
        with pytest.raises(ExternalToolError):
            breaker.call(failing)
    clock.now += 6.0
    with pytest.raises(ExternalToolError, match="connection reset"):
        breaker.call(failing)  # the half-open trial goes through, and fails
    assert failing.calls == 3
    assert state(breaker) is CircuitState.OPEN
    clock.now += 4.0
    with pytest.raises(CircuitOpenError):
        breaker.call(failing)
    assert failing.calls == 3


def test_success_resets_the_consecutive_count() -> None:
    breaker = CircuitBreaker("t", failure_threshold=2, clock=Clock())
    breaker.record_failure(RuntimeError("x"))
    breaker.record_success()
    breaker.record_failure(RuntimeError("x"))
    assert state(breaker) is CircuitState.CLOSED


def test_retries_and_breaker_together_stop_hammering_the_tool() -> None:
    clock = Clock()
    slept: list[float] = []
    breaker = CircuitBreaker("terraform", failure_threshold=4, cooldown=60.0, clock=clock)
    failing = Flaky(100, transient)
    policy = RetryPolicy(max_attempts=3)
    with pytest.raises(ExternalToolError, match="failed 3 times"):
        policy.call(failing, what="terraform", breaker=breaker, sleep=slept.append)
    # The fourth consecutive failure opens the breaker mid-way through the second call.
    with pytest.raises(CircuitOpenError):
        policy.call(failing, what="terraform", breaker=breaker, sleep=slept.append)
    assert failing.calls == 4
    # Further calls fail fast without touching the tool or sleeping.
    slept.clear()
    with pytest.raises(CircuitOpenError):
        policy.call(failing, what="terraform", breaker=breaker, sleep=slept.append)
    assert failing.calls == 4
    assert slept == []
    # After the cool-down one trial call goes through; it succeeds once the tool recovers.
    clock.now += 60.0
    failing.failures = 0
    assert policy.call(failing, what="terraform", breaker=breaker, sleep=slept.append) == "ok"
    assert state(breaker) is CircuitState.CLOSED
