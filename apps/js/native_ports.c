// SPDX-License-Identifier: MIT
/* The sys module: eggos's port I/O (sys.in8/out8, and 16- and 32-bit forms). The program runs
 * in ring 0, so these reach the hardware (include/yolk/ports.h says what that risks). */
#include <yolk/ports.h>
#include "interpreter.h"

static uint16_t port_argument(duk_context *context)
{
	duk_double_t port = duk_require_number(context, 0);

	if (port < 0 || port > 0xffff || port != (duk_double_t)(uint16_t)port)
		(void)duk_range_error(context, "port %g is not an integer from 0 to 0xffff", port);
	return (uint16_t)port;
}

static uint32_t value_argument(duk_context *context, uint32_t limit)
{
	duk_double_t value = duk_require_number(context, 1);

	if (value < 0 || value > limit || value != (duk_double_t)(uint32_t)value)
		(void)duk_range_error(context, "value %g is not an integer from 0 to %u", value,
				      limit);
	return (uint32_t)value;
}

static duk_ret_t native_in8(duk_context *context)
{
	duk_push_uint(context, yolk_in8(port_argument(context)));
	return 1;
}

static duk_ret_t native_in16(duk_context *context)
{
	duk_push_uint(context, yolk_in16(port_argument(context)));
	return 1;
}

static duk_ret_t native_in32(duk_context *context)
{
	duk_push_uint(context, yolk_in32(port_argument(context)));
	return 1;
}

static duk_ret_t native_out8(duk_context *context)
{
	yolk_out8(port_argument(context), (uint8_t)value_argument(context, 0xff));
	return 0;
}

static duk_ret_t native_out16(duk_context *context)
{
	yolk_out16(port_argument(context), (uint16_t)value_argument(context, 0xffff));
	return 0;
}

static duk_ret_t native_out32(duk_context *context)
{
	yolk_out32(port_argument(context), value_argument(context, 0xffffffffu));
	return 0;
}

void js_ports_bind(duk_context *context)
{
	static const duk_function_list_entry functions[] = {
	    {"in8", native_in8, 1},   {"in16", native_in16, 1},	  {"in32", native_in32, 1},
	    {"out8", native_out8, 2}, {"out16", native_out16, 2}, {"out32", native_out32, 2},
	    {NULL, NULL, 0},
	};

	duk_push_object(context);
	duk_put_function_list(context, -1, functions);
	duk_put_prop_string(context, -2, "ports");
}
