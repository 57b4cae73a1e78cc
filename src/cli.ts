console.log("servqual");
