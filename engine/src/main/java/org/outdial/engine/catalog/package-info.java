/**
 * What the referenced entities (audio, TTS profiles, operator lines and groups, event handlers,
 * scenarios, voice robots, blocked lists) have in common: the name rule.
 */
package org.outdial.engine.catalog;
