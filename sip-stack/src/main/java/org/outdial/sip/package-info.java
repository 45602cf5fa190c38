/** Outdial module root. */
package org.outdial.sip;
