package dev.lora4j.xalora;

/**
 * The sequencer's answer to {@code task_cancel}, as the seed SDK's {@code cancelTask} returns it.
 *
 * @param taskId the canceled task's id
 * @param msg the sequencer's message, empty when it sent none
 */
public record CancelResponse(String taskId, String msg) {}
