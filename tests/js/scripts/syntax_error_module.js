exports.value = ) 1; // a syntax error on line 1, where the module wrapper is
