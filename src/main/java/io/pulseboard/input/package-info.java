/**
 * The rules every user input passes before anything is stored: which times and which text
 * Pulseboard accepts. Written once here and used by every route that takes a time or text, so
 * an input means the same thing wherever it is sent.
 */
package io.pulseboard.input;
