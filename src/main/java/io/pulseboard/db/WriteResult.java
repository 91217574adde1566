package io.pulseboard.db;

/**
 * What a batch write did.
 *
 * @param written points that were new or changed, each with a new seq
 * @param unchanged points already stored with the same value and source
 * @param seq the highest seq written, or the head when nothing changed
 */
public record WriteResult(int accepted, int written, int unchanged, long seq) {}
