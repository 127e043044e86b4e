exports.greeting = 'helper from --fs';
