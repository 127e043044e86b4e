// SPDX-License-Identifier: MIT
/* What stands in for sound in images that do not use it (the kernel objects without -sound; the
 * AC'97 driver and /dev/dsp are in those with it, which `yolk build` links when the program
 * names /dev/dsp): no sound device is looked for, and there is no /dev/dsp. */
#include "drivers/sound/sound.h"

void sound_init(void)
{
}
