package dev.skillwright.browser;

import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.Step;

/**
 * What executing one action did.
 *
 * @param action the action as executed: its target now carries durable locators
 * @param ok whether it ran without error
 * @param error one line on what went wrong, or null
 * @param matchedBy how the target was found: {@code ref}, or a locator strategy on replay
 * @param millis how long it took
 * @param box where the element was just before the action, or null
 */
public record ActionResult(Action action, boolean ok, String error, String matchedBy,
    long millis, Step.Box box) {}
