/**
 * Small programs the README quotes. Each has a {@code run} method that a test calls against the
 * simulators, and a {@code main} that runs it against the real provider when its credentials are
 * set, else against the embedded simulator.
 */
package dev.lora4j.examples;
