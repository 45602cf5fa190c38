/** Outdial module root. */
package org.outdial.media;
